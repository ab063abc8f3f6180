import { Command, type Redis } from 'ioredis';
import type { RedisScript } from './script-command.js';
import { atTurnEnd } from './turn-batching.js';

/** Both replies, as they settled: the script's, and WAIT's count of replicas that confirmed. */
export type ScriptThenWait = [script: PromiseSettledResult<unknown>, wait: PromiseSettledResult<number>];

/**
 * Runs `script` (`args` as RedisScript.command takes them) on `node`, the connection of the primary
 * its keys live on, with WAIT behind it on that connection (the turn's one write carries both),
 * so WAIT counts the replicas that have the script's writes.
 *
 * Why not an ioredis pipeline: each one copies every command defined on the client onto itself
 * (the Pipeline constructor), which made script + WAIT cost the relay 3.3–3.4× the script alone
 * per send; these two commands, 1.9× (`npx tsx bench/degraded-ack-cost.ts --replica`).
 *
 * WAIT goes once per connection per turn of the event loop, behind every script this turn sent
 * there (turn-batching.ts, atTurnEnd): WAIT counts replicas that have all of the connection's
 * writes before it, so one answers them all, where one WAIT per script made Redis block and
 * answer each, and the replicas be asked for their offset as often.
 *
 * Nothing is retried here: should the script not run on `node` (NOSCRIPT, or MOVED/ASK when the
 * slot moved; `scriptDidNotRun`), the caller sends it the way that follows ioredis's redirects.
 * Undefined, and nothing sent, when the node is not connected.
 */
export function scriptThenWait(node: Redis, script: RedisScript, args: Array<string | number>, replicas: number, timeoutMs: number): Promise<ScriptThenWait> | undefined {
  if (node.status !== 'ready') return undefined;
  const ran = node.sendCommand(script.command(args));
  return Promise.allSettled([ran, waitAtTurnEnd(node, replicas, timeoutMs)]);
}

/** The WAIT each connection gets at the end of this turn, and who waits for its answer. */
interface TurnWait {
  replicas: number;
  timeoutMs: number;
  answered: Array<{ resolve(confirmed: number): void; reject(error: unknown): void }>;
}
const turnWaits = new Map<Redis, TurnWait>();

/** WAIT's answer for everything this turn wrote to `node`; it asks for the most replicas any caller wants. */
function waitAtTurnEnd(node: Redis, replicas: number, timeoutMs: number): Promise<number> {
  let pending = turnWaits.get(node);
  if (!pending) {
    if (turnWaits.size === 0) atTurnEnd(sendTurnWaits);
    pending = { replicas, timeoutMs, answered: [] };
    turnWaits.set(node, pending);
  }
  pending.replicas = Math.max(pending.replicas, replicas);
  pending.timeoutMs = Math.max(pending.timeoutMs, timeoutMs);
  const { answered } = pending;
  return new Promise((resolve, reject) => answered.push({ resolve, reject }));
}

function sendTurnWaits(): void {
  for (const [node, { replicas, timeoutMs, answered }] of turnWaits) {
    let wait: Promise<number>;
    try {
      wait = node.sendCommand(new Command('wait', [replicas, timeoutMs], { replyEncoding: 'utf8' })) as Promise<number>;
    } catch (error) {
      // ioredis answers a connection that cannot write with a rejected promise; should it ever
      // throw instead, the callers still get their answer (not acked) and the other connections theirs.
      wait = Promise.reject(error);
    }
    wait.then(
      (confirmed) => answered.forEach((each) => each.resolve(Number(confirmed))),
      (error: unknown) => answered.forEach((each) => each.reject(error)),
    );
  }
  turnWaits.clear();
}

/** The script surely did not run: Redis did not know it, or the slot is served elsewhere. */
export function scriptDidNotRun(error: unknown): boolean {
  return error instanceof Error && /^(NOSCRIPT|MOVED|ASK) /.test(error.message);
}
