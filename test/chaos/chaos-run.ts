import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Message } from '../../shared/index.js';
import { waitFor } from '../../scripts/cluster/wait-for.mjs';
import { ChaosClient } from './chaos-client.js';
import { timelineSvg, type TimelineSample } from './timeline-svg.js';

export interface ChaosOptions {
  scenario: string;
  title: string;
  /** Where clients connect: the load balancer. */
  url: string;
  clients: number;
  /** Client i chats in rooms[i % rooms.length]: name a room more than once to make it busier. */
  rooms: string[];
  /** The room whose recovery is timed (ackAgainMs): the one the fault hits. */
  watchRoom?: string;
  /** Each client types one message this often. */
  sendEveryMs: number;
  beforeFaultMs: number;
  afterFaultMs: number;
  fault(): Promise<void>;
}

export interface ChaosReport {
  scenario: string;
  clients: number;
  rooms: number;
  sent: number;
  acked: number;
  stored: number;
  lost: number;
  duplicates: number;
  /** Clients whose history differs from the stored one (missing, extra or out of order). */
  clientsOutOfStep: number;
  /** Clients whose folded messages (current text, deletes, reactions) differ from the relay's. */
  clientsFoldDiffer: number;
  /** Edits, deletes and reactions among the requests made. */
  changes: number;
  /** Reactions that already held (acked, nothing stored) and requests refused for good (target deleted meanwhile). */
  unchanged: number;
  refused: number;
  reconnects: number;
  reconnectP50Ms: number;
  reconnectMaxMs: number;
  drainingNotices: number;
  failedAttempts: number;
  /** From the fault until the first ack in watchRoom of an attempt sent after the fault (only with watchRoom). */
  ackAgainMs?: number;
}

const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts/chaos');
const DOCS = resolve(import.meta.dirname, '../../docs/reliability');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function storedHistory(url: string, room: string): Promise<Message[]> {
  const all: Message[] = [];
  for (;;) {
    const res = await fetch(`${url}/api/rooms/${room}/messages?since=${all.length}&limit=200`);
    if (!res.ok) throw new Error(`history read failed: ${res.status} ${await res.text()}`);
    const page = (await res.json()) as { messages: Message[] };
    all.push(...page.messages);
    if (page.messages.length < 200) return all;
  }
}

/** Runs contract-following clients through a fault and checks that nothing was lost or doubled. */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const rooms = [...new Set(options.rooms)];
  const clients = Array.from({ length: options.clients }, (_, i) => new ChaosClient(options.url, options.rooms[i % options.rooms.length]!, i));
  const timers: NodeJS.Timeout[] = [];
  try {
    await waitFor(() => clients.every((c) => c.connected && c.userId), { timeoutMs: 30_000, what: 'every chaos client to get a session' });
    const started = Date.now();
    const samples: TimelineSample[] = [];
    let lastAcked = 0;
    let lastAt = started;
    timers.push(
      setInterval(() => {
        // Rates from the real elapsed time: timers run late on a loaded machine.
        const now = Date.now();
        const acked = clients.reduce((n, c) => n + c.acked.size, 0);
        samples.push({ t: now - started, connected: clients.filter((c) => c.connected).length, acksPerSec: ((acked - lastAcked) * 1000) / Math.max(1, now - lastAt) });
        lastAcked = acked;
        lastAt = now;
      }, 250),
    );
    clients.forEach((c, i) => {
      // Spread the clients' sends over the interval so load is steady, not in bursts.
      const first = setTimeout(() => timers.push(setInterval(() => c.type(), options.sendEveryMs)), (i * options.sendEveryMs) / clients.length);
      timers.push(first);
    });
    await sleep(options.beforeFaultMs);
    const faultAt = Date.now() - started;
    await options.fault();
    // Attempts sent from here on meet the fault for sure (a SIGKILLed process has exited).
    const faultDoneAt = Date.now();
    await sleep(options.afterFaultMs);
    timers.splice(1).forEach((t) => clearInterval(t));

    await waitFor(() => clients.every((c) => c.unsent === 0), { timeoutMs: 45_000, intervalMs: 200, what: 'every typed message to be acked' });
    const stored = new Map<string, Message[]>();
    for (const room of rooms) stored.set(room, await storedHistory(options.url, room));
    const storedOf = (c: ChaosClient) => stored.get(c.room)!;
    await waitFor(
      () => {
        clients.filter((c) => c.lastSeq < storedOf(c).length).forEach((c) => void c.resume());
        return clients.every((c) => c.lastSeq >= storedOf(c).length);
      },
      { timeoutMs: 30_000, intervalMs: 500, what: 'every client to hold the whole history' },
    );
    clearInterval(timers[0]);

    const all = [...stored.values()].flat();
    const storedKeys = new Map<string, number>();
    for (const m of all) storedKeys.set(`${m.room}/${m.user.id}/${m.clientId}`, (storedKeys.get(`${m.room}/${m.user.id}/${m.clientId}`) ?? 0) + 1);
    const typedKeys = clients.flatMap((c) => c.expectedStored.map((id) => `${c.room}/${c.userId}/${id}`));
    const storedIds = (c: ChaosClient) => storedOf(c).map((m) => m.id).join(',');
    const storedTexts = (c: ChaosClient) => storedOf(c).filter((m) => m.kind === 'text');
    const ackedAgainAt = clients
      .filter((c) => c.room === options.watchRoom)
      .flatMap((c) => c.ackTimes.filter((a) => a.attemptAt >= faultDoneAt).map((a) => a.ackedAt));
    const reconnects = clients.flatMap((c) => c.reconnectMs);
    const report: ChaosReport = {
      scenario: options.scenario,
      clients: clients.length,
      rooms: rooms.length,
      sent: clients.reduce((n, c) => n + c.typed.length, 0),
      acked: clients.reduce((n, c) => n + c.acked.size, 0),
      stored: all.length,
      lost: typedKeys.filter((k) => !storedKeys.has(k)).length,
      duplicates: [...storedKeys.values()].reduce((n, count) => n + count - 1, 0),
      clientsOutOfStep: clients.filter((c) => c.held.map((m) => m.id).join(',') !== storedIds(c)).length,
      clientsFoldDiffer: clients.filter((c) => !isDeepStrictEqual(c.folded, storedTexts(c))).length,
      changes: all.filter((m) => m.kind !== 'text').length,
      unchanged: clients.reduce((n, c) => n + c.unchanged.size, 0),
      refused: clients.reduce((n, c) => n + c.refused.size, 0),
      reconnects: reconnects.length,
      reconnectP50Ms: percentile(reconnects, 50),
      reconnectMaxMs: Math.max(0, ...reconnects),
      drainingNotices: clients.reduce((n, c) => n + c.drainingNotices, 0),
      failedAttempts: clients.reduce((n, c) => n + c.failedAttempts, 0),
      ...(options.watchRoom === undefined ? {} : { ackAgainMs: Math.min(...ackedAgainAt) - (started + faultAt) }),
    };
    const svg = timelineSvg(options.title, samples, faultAt, clients.length);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, `${options.scenario}.svg`), svg);
    writeFileSync(join(ARTIFACTS, `${options.scenario}.json`), JSON.stringify({ report, samples, faultAt }, null, 2));
    if (process.env.RELIABILITY_DOCS === '1') {
      mkdirSync(DOCS, { recursive: true });
      writeFileSync(join(DOCS, `${options.scenario}.svg`), svg);
    }
    console.log(`chaos ${JSON.stringify(report)}`);
    return report;
  } finally {
    timers.forEach((t) => clearInterval(t));
    clients.forEach((c) => c.close());
  }
}
