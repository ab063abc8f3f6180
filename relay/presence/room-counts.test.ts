import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PresenceTransition } from '../store/presence-store.js';
import { RoomCounts } from './room-counts.js';

const MAX = 5;
const INTERVAL = 1000;

/** One replica's counter over a shared cluster count; `sent` records its local room:presence. */
function replica(cluster: Map<string, number>, local: Set<string>, peers: RoomCounts[] = []) {
  const sent: string[] = [];
  const shared: string[][] = [];
  const reads: string[][] = [];
  const counts = new RoomCounts({
    noticeMax: MAX,
    intervalMs: INTERVAL,
    counts: async (rooms) => {
      reads.push(rooms);
      return rooms.map((room) => cluster.get(room) ?? 0);
    },
    hasLocalMembers: (room) => local.has(room),
    emitLocal: (room, count) => sent.push(`${room}=${count}`),
    shareChanged: (rooms) => {
      shared.push(rooms);
      for (const peer of peers) peer.noteRemote(rooms);
    },
    onError: (error) => {
      throw error;
    },
  });
  return { counts, sent, shared, reads };
}

/** The store's flips for users arriving (or leaving) one after another in `room`. */
function flips(cluster: Map<string, number>, room: string, n: number, present = true): PresenceTransition[] {
  return Array.from({ length: n }, (_, i) => {
    const count = (cluster.get(room) ?? 0) + (present ? 1 : -1);
    cluster.set(room, count);
    return { room, userId: `u${i}`, present, count };
  });
}

describe('room counts (room:presence, coalesced)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends one count per interval for many arrivals above the limit, and none below it', async () => {
    const cluster = new Map<string, number>();
    const r = replica(cluster, new Set(['big']));
    r.counts.start();
    r.counts.noteFlips(flips(cluster, 'big', 4));
    await vi.advanceTimersByTimeAsync(INTERVAL);
    // Below the limit the members got notices; the store was not even asked.
    expect(r.sent).toEqual([]);
    expect(r.reads).toEqual([]);
    r.counts.noteFlips(flips(cluster, 'big', 10));
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(r.sent).toEqual(['big=14']);
    r.counts.noteFlips(flips(cluster, 'big', 3));
    r.counts.noteFlips(flips(cluster, 'big', 2, false));
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(r.sent).toEqual(['big=14', 'big=15']);
    r.counts.stop();
  });

  it('sends nothing when the count is back where it was, or when nothing changed', async () => {
    const cluster = new Map<string, number>();
    const r = replica(cluster, new Set(['big']));
    r.counts.start();
    r.counts.noteFlips(flips(cluster, 'big', 8));
    await vi.advanceTimersByTimeAsync(INTERVAL);
    r.counts.noteFlips(flips(cluster, 'big', 1));
    r.counts.noteFlips(flips(cluster, 'big', 1, false));
    await vi.advanceTimersByTimeAsync(5 * INTERVAL);
    expect(r.sent).toEqual(['big=8']);
    // Idle rooms cost no store reads.
    expect(r.reads).toEqual([['big'], ['big']]);
    r.counts.stop();
  });

  it('sends a last count when the room falls back to the limit, then stops', async () => {
    const cluster = new Map<string, number>();
    const r = replica(cluster, new Set(['big']));
    r.counts.start();
    r.counts.noteFlips(flips(cluster, 'big', 7));
    await vi.advanceTimersByTimeAsync(INTERVAL);
    r.counts.noteFlips(flips(cluster, 'big', 3, false));
    await vi.advanceTimersByTimeAsync(INTERVAL);
    r.counts.noteFlips(flips(cluster, 'big', 1, false));
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(r.sent).toEqual(['big=7', 'big=4']);
    r.counts.stop();
  });

  it('tells members on every replica, each replica only its own, from changes made anywhere', async () => {
    const cluster = new Map<string, number>();
    const b = replica(cluster, new Set(['big']));
    const c = replica(cluster, new Set(['other']));
    const a = replica(cluster, new Set(), [b.counts, c.counts]);
    a.counts.noteFlips(flips(cluster, 'big', 9));
    await a.counts.tick();
    // The replica that saw the arrivals has no members there: it shares the room and reads nothing.
    expect(a.shared).toEqual([['big']]);
    expect(a.sent).toEqual([]);
    expect(a.reads).toEqual([]);
    await Promise.all([b.counts.tick(), c.counts.tick()]);
    expect(b.sent).toEqual(['big=9']);
    expect(c.sent).toEqual([]);
    expect(c.reads).toEqual([]);
    // Remote changes are not shared on again.
    expect(b.shared).toEqual([]);
  });

  it('flushes a last round after one in flight, so a stopping replica still shares its changes', async () => {
    const cluster = new Map<string, number>();
    const r = replica(cluster, new Set(['big']));
    r.counts.noteFlips(flips(cluster, 'big', 6));
    const inFlight = r.counts.tick();
    r.counts.noteFlips(flips(cluster, 'big', 1, false));
    await r.counts.flush();
    await inFlight;
    expect(r.shared).toEqual([['big'], ['big']]);
    expect(r.sent).toEqual(['big=6', 'big=5']);
  });

  it('reads again next round when the store fails', async () => {
    const cluster = new Map([['big', 0]]);
    let failing = true;
    const sent: string[] = [];
    const errors: unknown[] = [];
    const counts = new RoomCounts({
      noticeMax: MAX,
      intervalMs: INTERVAL,
      counts: async (rooms) => {
        if (failing) throw new Error('redis down');
        return rooms.map((room) => cluster.get(room) ?? 0);
      },
      hasLocalMembers: () => true,
      emitLocal: (room, count) => sent.push(`${room}=${count}`),
      shareChanged: () => {},
      onError: (error) => errors.push(error),
    });
    counts.noteFlips(flips(cluster, 'big', 6));
    await counts.tick();
    expect(errors).toHaveLength(1);
    failing = false;
    await counts.tick();
    expect(sent).toEqual(['big=6']);
  });
});
