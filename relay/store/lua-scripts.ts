import { readFileSync } from 'node:fs';
import type { ChainableCommander, Redis } from 'ioredis';
import type { RedisClient } from '../redis/redis-connection.js';
import { RedisScript } from '../redis/script-command.js';
import { scriptThenWait, type ScriptThenWait } from '../redis/script-then-wait.js';

/**
 * How each script in lua/ is called. One convention for all: every key whose name the caller
 * knows goes in KEYS (Redis Cluster routes and checks by KEYS), ARGV carries values only. Keys
 * named by data the script reads from Redis are the exception each script's header documents.
 * The names and their order are those of the script's header (lua-scripts.test.ts checks).
 * `each`: a batch script's per-entry keys and arguments, appended after the fixed ones.
 * `prelude`: Lua prepended to the script (shared functions; a script cannot call another).
 */
export const LUA_SCRIPTS = {
  appendMessage: {
    file: 'append-message.lua',
    prelude: ['bucket-step.lua', 'room-stream.lua'],
    keys: ['meta', 'log', 'dedupe', 'ids', 'state', 'bucket'],
    argv: ['jsonHead', 'jsonTail', 'historyLimit', 'dedupeTtlSec', 'newEpoch', 'room', 'channel', 'tokenTaken', 'dedupeTail', 'id', 'replyToId', 'replyToSeq', 'maxRooms', 'admitted', 'ratePerSec', 'burst'],
  },
  appendChange: {
    file: 'append-change.lua',
    prelude: ['bucket-step.lua', 'room-stream.lua'],
    keys: ['meta', 'log', 'dedupe', 'ids', 'state', 'bucket'],
    argv: [
      'jsonHead', 'jsonTail', 'historyLimit', 'dedupeTtlSec', 'newEpoch', 'room', 'channel', 'tokenTaken', 'dedupeTail',
      'kind', 'targetId', 'targetIdJson', 'userId', 'text', 'time', 'editCutoff', 'emoji', 'emojiJson', 'on', 'reactionsMax', 'maxRooms', 'admitted',
      'ratePerSec', 'burst',
    ],
  },
  readEntries: { file: 'read-entries.lua', keys: ['log', 'state'], argv: ['from', 'upto', 'count', 'newest'] },
  roomReader: { file: 'room-reader.lua', keys: ['meta', 'log', 'ids', 'reads'], argv: ['upto', 'cap'], each: { keys: [], argv: ['userId'] } },
  roomRead: { file: 'room-read.lua', keys: ['meta', 'reads'], argv: ['userId', 'seq'] },
  roomHead: { file: 'room-head.lua', keys: ['meta', 'log'], argv: ['newEpoch', 'create', 'emptyTtlMs', 'maxRooms', 'admitted'] },
  tokenBucket: { file: 'token-bucket.lua', prelude: ['bucket-step.lua'], keys: ['bucket'], argv: ['ratePerSec', 'burst', 'take'] },
  roomIndex: { file: 'room-index.lua', keys: ['roomIndex'], argv: ['room', 'step', 'emptyTtlMs', 'maxRooms'] },
  presenceApply: {
    file: 'presence-apply.lua',
    prelude: ['presence-holds.lua'],
    keys: ['presence', 'order', 'recent', 'held'],
    argv: ['room'],
    each: { keys: [], argv: ['user', 'present'] },
  },
  presenceResync: {
    file: 'presence-resync.lua',
    prelude: ['presence-holds.lua'],
    keys: ['presence', 'order', 'recent', 'held'],
    argv: ['room'],
    each: { keys: [], argv: ['user'] },
  },
  presenceForget: {
    file: 'presence-forget.lua',
    prelude: ['presence-holds.lua'],
    keys: ['presence', 'order', 'recent', 'held', 'gone'],
    argv: ['room', 'replay', 'goneTtlMs'],
  },
  presenceIndex: { file: 'presence-index.lua', keys: [], argv: [], each: { keys: ['urooms'], argv: ['field'] } },
  nameSet: { file: 'name-set.lua', keys: [], argv: ['ttlSec'], each: { keys: ['key'], argv: ['name'] } },
  presenceRecent: { file: 'presence-recent.lua', keys: ['presence', 'recent'], argv: ['limit'] },
  presenceTouch: { file: 'presence-touch.lua', prelude: ['presence-holds.lua'], keys: ['recent'], argv: ['user'] },
  presenceHeartbeat: { file: 'presence-heartbeat.lua', keys: ['replicas'], argv: ['replica'] },
  presenceClaim: { file: 'presence-claim.lua', keys: ['replicas'], argv: ['timeoutMs'] },
} as const satisfies Record<string, LuaScriptSpec>;

export interface LuaScriptSpec {
  readonly file: string;
  /** Files prepended, in order. */
  readonly prelude?: readonly string[];
  readonly keys: readonly string[];
  readonly argv: readonly string[];
  readonly each?: { readonly keys: readonly string[]; readonly argv: readonly string[] };
}

/** An entry stored: its JSON (a text message: its seq) and the room's epoch; 'unlisted' while the room lists lack the room. */
type StoredReply<E = string> = ['stored', entry: E, epoch: string] | ['stored', entry: E, epoch: string, 'unlisted'];

/** What each script returns (its header's "Returns" line), as ioredis hands it over. */
export interface LuaScriptReplies {
  appendMessage: ['duplicate', string, string] | ['duplicate_record', string] | ['rate_limited'] | ['admit'] | ['not_found'] | StoredReply<number>;
  appendChange:
    | ['duplicate', string, string]
    | ['duplicate_record', string]
    | ['rate_limited' | 'admit' | 'not_found' | 'forbidden' | 'too_late' | 'too_many_reactions']
    | ['unchanged', string, string]
    | StoredReply;
  readEntries: string[];
  /** The topic, then each reader's position and unread count. */
  roomReader: [topic: string, ...readSeqAndUnread: number[]];
  roomRead: [readSeq: number, moved: number];
  roomHead: [epoch: string, lastSeq: string, firstId: string] | ['admit'];
  tokenBucket: number;
  roomIndex: number;
  presenceApply: PresenceFlips;
  presenceResync: [PresenceFlips, released: string[]];
  presenceForget: [PresenceFlips, released: string[]];
  presenceHeartbeat: number;
  presenceIndex: number;
  nameSet: number;
  presenceRecent: [count: number, ...userIds: string[]];
  presenceTouch: number;
  presenceClaim: string[];
}

/** Flat {room, user, '1' | '0', count} quadruples (the count is a Redis integer). */
type PresenceFlips = Array<string | number>;

export type LuaScriptName = keyof typeof LUA_SCRIPTS & keyof LuaScriptReplies;
type Value = string | number;
type Spec<N extends LuaScriptName> = (typeof LUA_SCRIPTS)[N];
type Named<K extends readonly string[], A extends readonly string[]> = Record<K[number], string> & Record<A[number], Value>;
/** A script's fixed keys and arguments, by their header names. */
export type LuaScriptInput<N extends LuaScriptName> = Named<Spec<N>['keys'], Spec<N>['argv']>;
/** One entry of a batch script (none for the others). */
export type LuaScriptEntry<N extends LuaScriptName> = Spec<N> extends { each: { keys: infer K extends readonly string[]; argv: infer A extends readonly string[] } } ? Named<K, A> : never;

export const LUA_DIR = new URL('./lua/', import.meta.url);

// Read when the relay starts, not at the first call: a build that lost a .lua file fails at
// once (and the image's smoke test catches it) instead of at the first message.
const read = (file: string) => readFileSync(new URL(file, LUA_DIR), 'utf8');
const SOURCES = new Map<string, string>(
  Object.entries(LUA_SCRIPTS).map(([name, spec]: [string, LuaScriptSpec]) => [name, [...(spec.prelude ?? []), spec.file].map(read).join('\n')]),
);
/** Each script as sent by `run` and `runThenWait` (redis/script-command.ts: less garbage per call than ioredis's). */
const SCRIPTS = new Map<string, RedisScript>([...SOURCES].map(([name, lua]) => [name, new RedisScript(lua)]));

function scriptOf(name: LuaScriptName): RedisScript {
  return SCRIPTS.get(name) as RedisScript;
}

/** The SHA1 a script goes by in EVALSHA: which script a command runs (what tests intercept). */
export function luaScriptSha(name: LuaScriptName): string {
  return scriptOf(name).sha;
}

/**
 * Positional EVALSHA arguments: numkeys, KEYS, ARGV (numberOfKeys varies for batches), after
 * `head` when given (RedisScript takes the SHA first). Written into one array of the final
 * length in one pass: this runs on every send (ioredis copies the array once more), and an array
 * grown by `push` is reallocated twice on the way to an append's 24 arguments.
 */
function encode(spec: LuaScriptSpec, input: Record<string, Value>, each: ReadonlyArray<Record<string, Value>>, head?: string): Value[] {
  const eachKeys = spec.each?.keys ?? [];
  const eachArgv = spec.each?.argv ?? [];
  const numberOfKeys = spec.keys.length + each.length * eachKeys.length;
  const lead = head === undefined ? 1 : 2;
  const args = new Array<Value>(lead + numberOfKeys + spec.argv.length + each.length * eachArgv.length);
  let at = 0;
  if (head !== undefined) args[at++] = head;
  args[at++] = numberOfKeys;
  for (const name of spec.keys) args[at++] = input[name] as Value;
  for (const entry of each) for (const name of eachKeys) args[at++] = entry[name] as Value;
  for (const name of spec.argv) args[at++] = input[name] as Value;
  for (const entry of each) for (const name of eachArgv) args[at++] = entry[name] as Value;
  return args;
}

type DefinedCommand = (this: RedisClient | ChainableCommander, ...args: Value[]) => unknown;

/**
 * The scripts: sent as RedisScript commands (EVALSHA, or EVAL on a connection that has not seen
 * the script yet), and on pipelines as commands defined once per client with ioredis
 * `defineCommand`, which do the same.
 */
export class LuaScripts {
  constructor(private readonly redis: RedisClient) {
    // Stores sharing a client share its commands: defining again would only make ioredis send
    // the whole script once more per connection.
    for (const [name, lua] of SOURCES) if (!(name in redis)) redis.defineCommand(name, { lua });
  }

  run<N extends LuaScriptName>(name: N, input: LuaScriptInput<N>, each: ReadonlyArray<LuaScriptEntry<N>> = []): Promise<LuaScriptReplies[N]> {
    const script = scriptOf(name);
    return script.run(this.redis, encode(LUA_SCRIPTS[name], input as Record<string, Value>, each as ReadonlyArray<Record<string, Value>>, script.sha)) as Promise<LuaScriptReplies[N]>;
  }

  /**
   * Runs the script on `node` (the primary its keys live on) with WAIT right behind it
   * (redis/script-then-wait.ts); undefined, nothing sent, when that cannot be done.
   */
  runThenWait<N extends LuaScriptName>(node: Redis, name: N, input: LuaScriptInput<N>, replicas: number, timeoutMs: number): Promise<ScriptThenWait> | undefined {
    const script = scriptOf(name);
    return scriptThenWait(node, script, encode(LUA_SCRIPTS[name], input as Record<string, Value>, [], script.sha), replicas, timeoutMs);
  }

  /**
   * Told that `runThenWait`'s script failed with `error`: after NOSCRIPT (a SCRIPT FLUSH) every
   * connection is sent the source again (the caller sends this one another way).
   */
  failedOnNode(name: LuaScriptName, error: unknown): void {
    scriptOf(name).unknownAfter(error);
  }

  /** Queues the script on a pipeline of this client; its reply comes with the pipeline's. */
  queue<N extends LuaScriptName>(pipeline: ChainableCommander, name: N, input: LuaScriptInput<N>, each: ReadonlyArray<LuaScriptEntry<N>> = []): void {
    this.call(pipeline, name, input, each);
  }

  private call(target: RedisClient | ChainableCommander, name: LuaScriptName, input: object, each: readonly object[]): unknown {
    const command = (target as unknown as Record<string, DefinedCommand>)[name] as DefinedCommand;
    return command.call(target, ...encode(LUA_SCRIPTS[name], input as Record<string, Value>, each as ReadonlyArray<Record<string, Value>>));
  }
}
