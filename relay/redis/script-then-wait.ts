import { Command, type Redis } from 'ioredis';
import type { RedisClient } from './redis-connection.js';

/** What ioredis keeps of a script defined with `defineCommand` (its `scriptsSet` entry). */
interface DefinedScript {
  sha: string;
  /** Sends EVAL instead of EVALSHA the first time on a socket, so the script is never unknown there. */
  Command: new (name: string, args: Array<string | number>, options: { replyEncoding: 'utf8' }) => Command;
}

/** Both replies, as they settled: the script's, and WAIT's count of replicas that confirmed. */
export type ScriptThenWait = [script: PromiseSettledResult<unknown>, wait: PromiseSettledResult<number>];

/**
 * Runs a script defined on `client` (`defineCommand`) on `node`, the connection of the primary
 * its keys live on, with WAIT right behind it: two commands on that connection (the turn's one
 * write carries both), so WAIT counts the replicas that have the script's writes.
 *
 * Why not an ioredis pipeline: each one copies every command defined on the client onto itself
 * (the Pipeline constructor), which made script + WAIT cost the relay 3.3–3.4× the script alone
 * per send; these two commands, 1.9× (`npx tsx bench/degraded-ack-cost.ts --replica`).
 *
 * Nothing is retried here: should the script not run on `node` (NOSCRIPT, or MOVED/ASK when the
 * slot moved; `scriptDidNotRun`), the caller sends it the way that follows ioredis's redirects.
 * Undefined, and nothing sent, when the script is not defined or the node is not connected.
 */
export function scriptThenWait(client: RedisClient, node: Redis, script: string, args: Array<string | number>, replicas: number, timeoutMs: number): Promise<ScriptThenWait> | undefined {
  const defined = (client as unknown as { scriptsSet?: Record<string, DefinedScript | undefined> }).scriptsSet?.[script];
  if (!defined || node.status !== 'ready') return undefined;
  const run = new defined.Command('evalsha', [defined.sha, ...args], { replyEncoding: 'utf8' });
  const wait = new Command('wait', [replicas, timeoutMs], { replyEncoding: 'utf8' });
  return Promise.allSettled([node.sendCommand(run), node.sendCommand(wait) as Promise<number>]);
}

/** The script surely did not run: Redis did not know it, or the slot is served elsewhere. */
export function scriptDidNotRun(error: unknown): boolean {
  return error instanceof Error && /^(NOSCRIPT|MOVED|ASK) /.test(error.message);
}
