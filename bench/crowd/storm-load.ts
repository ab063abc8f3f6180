import type { Ack, RoomJoinResult } from '../../shared/index.js';
import { sleep } from '../load/client-pool.js';
import type { GeneratorJob, GeneratorProgress, StormJob, StormLoad } from '../load/generator-protocol.js';
import { sampleProcess, usageBetween } from '../proc-stats.js';
import { newTally } from '../soak/soak-tally.js';
import { unmeasuredStorm } from './crowd-results.js';
import { StormClient } from './storm-client.js';
import { StormLedger, type StoredEntry } from './storm-ledger.js';
import { percentile } from './percentile.js';

export const STORM_ROOM = 'storm';
const CONNECT_TIMEOUT_MS = 30_000;
/** After sending stops: time for the outboxes to get their last acks. */
const OUTBOX_DRAIN_MS = 30_000;
const POLL_MS = 20;
const HISTORY_PAGE_TIMEOUT_MS = 60_000;

/**
 * The room's whole history, page by page (`room:join` with `since`), through a connected client;
 * a page that gets no answer is asked again (through the next connected client), up to three times,
 * because a relay still busy with the storm's aftermath may answer late.
 */
async function readHistory(clients: StormClient[]): Promise<StoredEntry[]> {
  const entries: StoredEntry[] = [];
  let failures = 0;
  for (let since = 0; ; ) {
    const reader = clients.filter((c) => c.hasSession)[failures];
    if (!reader) throw new Error('no connected client to read it');
    const answer = (await reader.socket.timeout(HISTORY_PAGE_TIMEOUT_MS).emitWithAck('room:join', { room: STORM_ROOM, since }).catch(() => undefined)) as Ack<RoomJoinResult> | undefined;
    if (!answer?.ok) {
      if (++failures === 3) throw new Error(answer ? answer.error.code : `no answer within ${HISTORY_PAGE_TIMEOUT_MS / 1000} s, three times`);
      continue;
    }
    for (const m of answer.messages) entries.push({ seq: m.seq, userId: m.user.id, clientId: m.clientId });
    const last = answer.messages.at(-1)?.seq;
    if (last === undefined || last >= answer.lastSeq) return entries;
    since = last;
  }
}

async function until(done: () => boolean, deadline: number): Promise<boolean> {
  while (!done()) {
    if (Date.now() >= deadline) return false;
    await sleep(POLL_MS);
  }
  return true;
}

/**
 * (f) The reconnect storm: every client connected through the load balancer, the senders sending,
 * then one replica SIGKILLed. Measured from the kill: until every client has a session again,
 * each affected client's reconnect time, and the survivor's CPU meanwhile. Then sending stops,
 * the outboxes drain, and every acked message is looked up in the room's history.
 */
export async function runStorm(job: StormJob & GeneratorJob, progress: { set(phase: GeneratorProgress['phase'], step: number): void; connected(count?: number): void }): Promise<StormLoad> {
  const ledger = new StormLedger();
  const tally = newTally();
  const clients = Array.from({ length: job.clients }, (_, i) => new StormClient(job.url, i, i < job.senders ? STORM_ROOM : undefined, ledger, tally));
  const senders = clients.slice(0, job.senders);
  const { connectRate: _, ...base } = unmeasuredStorm(0, job.clients, senders.length);
  let sending: NodeJS.Timeout | undefined;
  try {
    progress.set('connecting', 0);
    let next = 0;
    const failures: string[] = [];
    const worker = async () => {
      while (next < clients.length) {
        const client = clients[next++]!;
        // A relay that is slow to fill its lobby is what some runs measure: give it the storm's limit.
        await client.start(Math.max(CONNECT_TIMEOUT_MS, job.stormTimeoutMs)).then(() => progress.connected(), (error: Error) => failures.push(error.message));
      }
    };
    await Promise.all(Array.from({ length: Math.min(job.connectConcurrency, clients.length) }, worker));
    if (failures.length > 0) return { ...base, note: `${failures.length} clients never connected: ${failures[0]}` };

    sending = setInterval(() => senders.forEach((s) => s.send()), 1000 / job.ratePerSender);
    progress.set('warmup', 0);
    await sleep(job.warmupMs);

    const affected = clients.filter((c) => c.replica === job.killReplicaId);
    const errorsBefore = clients.reduce((sum, c) => sum + c.connectErrors, 0);
    const survivorBefore = sampleProcess(job.survivorPid);
    const generatorBefore = process.cpuUsage();
    const killedAt = performance.now();
    process.kill(job.killPid, 'SIGKILL');
    progress.set('storm', 0);
    const everyoneBack = () => clients.every((c) => c.hasSession && (c.replica !== job.killReplicaId || c.sessionAt > killedAt));
    const back = await until(everyoneBack, Date.now() + job.stormTimeoutMs);
    const stormSeconds = (performance.now() - killedAt) / 1000;
    const survivor = usageBetween(survivorBefore, sampleProcess(job.survivorPid));
    const generator = process.cpuUsage(generatorBefore);
    const times = affected.filter((c) => c.hasSession && c.sessionAt > killedAt).map((c) => c.sessionAt - killedAt);
    const stats = {
      affected: affected.length,
      allBackSeconds: back ? stormSeconds : null,
      reconnectMs: { p50: percentile(times, 50), p99: percentile(times, 99), max: Math.max(0, ...times) },
      connectErrors: clients.reduce((sum, c) => sum + c.connectErrors, 0) - errorsBefore,
      survivor,
      generatorCpuSeconds: (generator.user + generator.system) / 1e6,
    };

    progress.set('chatting', 0);
    await sleep(job.afterMs);
    clearInterval(sending);
    progress.set('draining', 0);
    await until(() => senders.every((s) => s.unacked === 0), Date.now() + OUTBOX_DRAIN_MS);
    const unackedAtEnd = senders.reduce((sum, s) => sum + s.unacked, 0);
    const missing = stats.affected > 0 && times.length < stats.affected ? `${stats.affected - times.length} affected clients were not back in ${job.stormTimeoutMs / 1000} s` : undefined;
    const history = await readHistory(clients).catch((error: Error) => error);
    if (history instanceof Error) {
      const note = `acked messages not verified: could not read the history (${history.message})`;
      return { ...base, ...stats, unackedAtEnd, acked: ledger.acked, note: missing ? `${missing}; ${note}` : note };
    }
    const verdict = ledger.verify(history);
    return { ...base, ...stats, unackedAtEnd, acked: verdict.acked, verified: true, ackedLost: verdict.lost, duplicated: verdict.duplicated, ...(missing ? { note: missing } : {}) };
  } finally {
    clearInterval(sending);
    for (const client of clients) client.close();
  }
}
