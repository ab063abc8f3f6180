// What each step of the send script costs Redis: `npx tsx bench/redis-script-cost.ts [--appends=N] [--replica]`.
//
// Bench (c) puts Redis's CPU at about 2× stock's (stock only PUBLISHes; ours stores, numbers and
// signals every message in one script). This splits the script's time into its steps: the real
// RedisMessageStore sends its real arguments, but each round its append script is swapped for a
// variant with one step cut out (its lines removed, or for the token the argument a Redis
// Cluster passes: taken already); Redis's own account of the time inside EVALSHA
// (INFO commandstats, usec_per_call) minus the full script's is that step's cost. One redis-server
// on loopback, nothing else running against it, so the figure is the script's alone, without
// the round trip. Each round runs every variant, in the same order, after one uncounted warm-up
// pass; the median of the rounds is printed.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Command, Redis } from 'ioredis';
import { startRedisServer } from '../scripts/cluster/redis-server.mjs';
import { LUA_DIR, LUA_SCRIPTS, luaScriptSha } from '../relay/store/lua-scripts.js';
import { RedisMessageStore } from '../relay/store/redis-message-store.js';
import { median } from './median-run.js';

const ROOMS = 200;
const USERS = 2000;
const IN_FLIGHT = 8;

const spec = LUA_SCRIPTS.appendMessage;
const full = [...spec.prelude, spec.file].map((file) => readFileSync(new URL(file, LUA_DIR), 'utf8')).join('\n');

/**
 * The script without the lines that hold `fragments` (each must be on exactly one line: a script
 * that changed makes this throw, so the step gets updated instead of silently measuring nothing).
 */
function withoutLines(step: string, ...fragments: string[]): Variant {
  let lines = full.split('\n');
  for (const fragment of fragments) {
    const holding = lines.filter((line) => line.includes(fragment));
    if (holding.length !== 1) throw new Error(`redis-script-cost: ${holding.length} lines of the append script hold ${JSON.stringify(fragment)} (step "${step}"): update the step`);
    lines = lines.filter((line) => !line.includes(fragment));
  }
  return { step, source: lines.join('\n') };
}

interface Variant {
  step: string;
  source: string;
  /** Arguments the store's call gets instead (by position in LUA_SCRIPTS.appendMessage.argv). */
  argv?: Partial<Record<(typeof spec.argv)[number], string>>;
}

const VARIANTS: Variant[] = [
  { step: 'full script', source: full },
  // As on a Redis Cluster, where the token is taken before the script (redis-rate-limit.ts).
  { step: "sender's token bucket", source: full, argv: { tokenTaken: '1' } },
  withoutLines('dedupe check + record', 'local duplicate = duplicate_of(', 'if duplicate then return duplicate end', 'k.dedupe, dedupeRecord'),
  withoutLines('XADD to the log', "'XADD', k.log"),
  withoutLines('ZADD to the id index', "'ZADD', idsKey"),
  withoutLines('SPUBLISH signal', "'SPUBLISH', channel"),
];

/** The store's positional call (numberOfKeys, KEYS, ARGV) with `argv` put in. */
function withArgv(args: Array<string | number>, argv: Variant['argv']): Array<string | number> {
  if (!argv) return args;
  const out = [...args];
  for (const [name, value] of Object.entries(argv)) out[1 + spec.keys.length + spec.argv.indexOf(name as (typeof spec.argv)[number])] = value;
  return out;
}

function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  const value = arg ? Number(arg.slice(name.length + 3)) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} takes a positive whole number`);
  return value;
}

/** Microseconds Redis spent inside EVALSHA per call since the last CONFIG RESETSTAT. */
async function evalshaMicros(redis: Redis): Promise<number> {
  const line = (await redis.info('commandstats')).split('\n').find((l) => l.startsWith('cmdstat_evalsha:'));
  const match = line?.match(/usec_per_call=([\d.]+)/);
  if (!match) throw new Error('redis-script-cost: no EVALSHA in INFO commandstats');
  return Number(match[1]);
}

async function appendAll(store: RedisMessageStore, appends: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < appends) {
      const n = next++;
      const user = `u${n % USERS}`;
      const outcome = await store.append({ id: randomUUID(), room: `room-${n % ROOMS}`, user: { id: user, name: `User ${user}` }, clientId: randomUUID(), text: `message ${n}: a line of chat of ordinary length`, time: new Date().toISOString() });
      if (outcome.status !== 'stored') throw new Error(`redis-script-cost: append ${n} was ${outcome.status}`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

async function main(): Promise<void> {
  const appends = option('appends', 20_000);
  const rounds = option('rounds', 3);
  // --replica: the server has a replica in sync, as every primary of a Redis Cluster has; each
  // write a script makes is then also propagated (MULTI … EXEC of its effects).
  const withReplica = process.argv.includes('--replica');
  const server = await startRedisServer();
  const replica = withReplica ? await startRedisServer({ args: ['--replicaof', '127.0.0.1', String(server.port)], name: 'redis-replica' }) : undefined;
  const redis = new Redis(server.url);
  const subscriber = new Redis(server.url);
  try {
    const store = new RedisMessageStore(redis, subscriber, { historyLimit: 1000, ratePerSec: 1e6, burst: 1e6, dedupeTtlSec: 3600, replicaAcks: 0, maxRooms: 0 });
    await store.start();
    // The store sends the script as an EVALSHA command: its SHA, numberOfKeys, keys, argv
    // (lua-scripts.ts). Each variant takes its place.
    const appendSha = luaScriptSha('appendMessage');
    const send = redis.sendCommand.bind(redis);
    let variant: ((args: Array<string | number>) => Promise<unknown>) | undefined;
    redis.sendCommand = ((command: Command, ...rest: unknown[]) =>
      variant && command.args[0] === appendSha ? variant(command.args.slice(1) as Array<string | number>) : (send as (...args: unknown[]) => Promise<unknown>)(command, ...rest)) as typeof redis.sendCommand;
    const micros = new Map<string, number[]>(VARIANTS.map(({ step }) => [step, []]));
    // Warm-up, not counted: the first appends also pay for Redis growing its memory and tables.
    await appendAll(store, appends);
    for (let round = 1; round <= rounds; round++) {
      for (const { step: name, source, argv } of VARIANTS) {
        const sha = (await redis.script('LOAD', source)) as string;
        // Straight to the connection: the full script's variant has the store's own SHA.
        variant = (args) => send(new Command('evalsha', [sha, ...withArgv(args, argv)], { replyEncoding: 'utf8' })) as Promise<unknown>;
        await redis.flushall();
        await redis.config('RESETSTAT');
        await appendAll(store, appends);
        micros.get(name)!.push(await evalshaMicros(redis));
        process.stdout.write(`round ${round}/${rounds}: ${name} done\n`);
      }
    }
    const fullMicros = median(micros.get('full script')!)!;
    console.log(`\nRedis time inside the send script, µs per message (median of ${rounds} rounds of ${appends} appends over ${ROOMS} rooms${replica ? ', with a replica' : ''}):`);
    for (const [name, values] of micros) {
      const m = median(values)!;
      const cost = name === 'full script' ? '' : `  → the step costs ${(fullMicros - m).toFixed(1)} µs`;
      console.log(`  ${name.padEnd(24)} ${name === 'full script' ? '' : 'without it: '}${m.toFixed(1)} (rounds: ${values.map((v) => v.toFixed(1)).join(', ')})${cost}`);
    }
    await store.close();
  } finally {
    redis.disconnect();
    subscriber.disconnect();
    await replica?.stop();
    await server.stop();
  }
}

await main();
