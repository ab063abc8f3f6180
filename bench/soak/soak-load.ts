import { LOBBY } from '../../shared/rooms.js';
import { sleep } from '../load/client-pool.js';
import type { GeneratorJob, GeneratorProgress, SoakJob } from '../load/generator-protocol.js';
import { SoakClient } from './soak-client.js';
import { SoakLedger } from './soak-ledger.js';
import { seededRandom } from './soak-mix.js';
import type { SoakLoad } from './soak-results.js';
import { planSoakRooms } from './soak-rooms.js';
import { newTally } from './soak-tally.js';

/** Connecting 1,000 clients (each joining three rooms) takes well under this, even on a busy box. */
const CONNECT_BUDGET_MS = 180_000;
/** After the chat: every client back and in step, and everything owed arrived, within this. */
const SETTLE_MAX_MS = 90_000;
/** …or nothing changed for this long. */
export const SETTLE_QUIET_MS = 15_000;

type Progress = {
  set(phase: GeneratorProgress['phase'], step: number): void;
  connected(count?: number): void;
  addDeliveries(count: number): void;
};

/** Starts the clients with at most `concurrency` handshakes in flight; returns the failures. */
async function startAll(clients: SoakClient[], concurrency: number, deadline: number, onStarted: () => void): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < clients.length) {
      const client = clients[next++]!;
      try {
        await client.start(Math.max(1000, deadline - Date.now()));
        onStarted();
      } catch (error) {
        failures.push(`client ${client.index}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, clients.length)) }, worker));
  return failures;
}

/**
 * The clients' side of the soak, in the load generator: connect everyone through the load
 * balancer into the lobby and their rooms, chat for `chatMs` as the mix says, then stop, bring
 * everyone back, and wait until every acked message reached every member (or nothing more
 * arrives). The runner samples the relays' memory meanwhile.
 */
export async function runSoakLoad(job: SoakJob & GeneratorJob, progress: Progress): Promise<SoakLoad> {
  const plan = planSoakRooms(job.clients, job.mix, seededRandom(job.seed));
  const roomsOf = Array.from({ length: job.clients }, () => [LOBBY]);
  for (const room of plan) for (const member of room.members) roomsOf[member]!.push(room.name);
  const ledger = new SoakLedger();
  const tally = newTally();
  const url = job.target.urls[0]!;
  const clients = roomsOf.map((rooms, index) => new SoakClient({ url, index, rooms, mix: job.mix, random: seededRandom(job.seed + 1 + index), ledger, tally }));
  const positions = () => clients.flatMap((c) => c.positions());
  let reported = 0;
  const liveRate = setInterval(() => {
    progress.addDeliveries(tally.deliveries - reported);
    reported = tally.deliveries;
  }, 1000);
  try {
    const connectStartedAt = Date.now();
    progress.set('connecting', 0);
    const failures = await startAll(clients, job.connectConcurrency, connectStartedAt + CONNECT_BUDGET_MS, () => progress.connected());

    const chatStartedAt = Date.now();
    progress.set('chatting', 0);
    for (const client of clients) client.startChatting();
    await sleep(job.chatMs);
    const chatEndedAt = Date.now();
    for (const client of clients) client.stopChatting();

    progress.set('draining', 0);
    const deadline = Date.now() + SETTLE_MAX_MS;
    let last = { key: '', at: Date.now() };
    for (;;) {
      const settled = clients.filter((c) => c.settled).length;
      const { lost } = ledger.deliveries(positions());
      if (settled === clients.length && lost === 0) break;
      const key = `${settled}/${lost}/${tally.acked}`;
      if (key !== last.key) last = { key, at: Date.now() };
      if (Date.now() - last.at > SETTLE_QUIET_MS || Date.now() > deadline) break;
      await sleep(500);
    }
    const settledAt = Date.now();

    const sizes = plan.map((room) => room.members.length);
    const deliveries = ledger.deliveries(positions());
    return {
      kind: 'soak',
      clients: job.clients,
      rooms: { count: plan.length, minSize: Math.min(...sizes), maxSize: Math.max(...sizes), meanSize: sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length) },
      connectFailures: failures.length,
      connectErrors: failures.slice(0, 5),
      phases: { connectStartedAt, chatStartedAt, chatEndedAt, settledAt },
      messages: {
        typed: tally.typed,
        acked: ledger.ackedMessages,
        ackedOnRetry: tally.ackedOnRetry,
        unacked: clients.reduce((n, c) => n + c.unacked, 0),
        ackTimeouts: tally.ackTimeouts,
        refused: tally.refused,
      },
      deliveries: {
        ...deliveries,
        duplicateDeliveries: tally.duplicateDeliveries,
        duplicateStored: ledger.duplicateStored,
        recoveredOnResume: tally.recoveredOnResume,
        gapResumes: tally.gapResumes,
        epochChanges: tally.epochChanges,
      },
      reconnects: { blips: tally.blips, aways: tally.aways, resumedSessions: tally.resumedSessions, identityChanges: tally.identityChanges },
      typing: { sent: tally.typingSent, received: tally.typingReceived },
      presenceEvents: tally.presenceEvents,
    };
  } finally {
    clearInterval(liveRate);
    for (const client of clients) client.close();
  }
}
