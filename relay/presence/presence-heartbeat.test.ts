import { describe, expect, it } from 'vitest';
import type { LeaveReason } from '../../shared/index.js';
import type { PresenceStore, PresenceTransition } from '../store/presence-store.js';
import { PresenceHeartbeat } from './presence-heartbeat.js';
import type { PresenceTracker } from './presence-tracker.js';

const left: PresenceTransition = { room: 'lobby', userId: 'u-dead', present: false, count: 0 };

function setup(store: Partial<PresenceStore>) {
  const announced: Array<[PresenceTransition[], LeaveReason]> = [];
  const errors: unknown[] = [];
  let reaped = 0;
  const tracker = { needsResync: false, held: () => [{ room: 'lobby', userId: 'u-here' }] };
  const heartbeat = new PresenceHeartbeat({
    store: { heartbeat: async () => false, resync: async () => [], reapDead: async () => [], ...store } as PresenceStore,
    tracker: tracker as unknown as PresenceTracker,
    intervalMs: 60_000,
    announce: async (flips, reason) => void announced.push([flips, reason]),
    onReaped: (count) => (reaped += count),
    onError: (error) => errors.push(error),
  });
  return { heartbeat, tracker, announced, errors, reaped: () => reaped };
}

describe('PresenceHeartbeat', () => {
  it('resyncs when the store forgot this replica, then announces what it reaped as timeouts', async () => {
    const t = setup({ heartbeat: async () => true, resync: async () => [{ room: 'lobby', userId: 'u-here', present: true, count: 1 }], reapDead: async () => [left] });
    await t.heartbeat.beat();
    expect(t.announced.map(([flips, reason]) => [flips.map((f) => f.userId), reason])).toEqual([
      [['u-here'], 'disconnected'],
      [['u-dead'], 'timeout'],
    ]);
    expect(t.reaped()).toBe(1);
    expect(t.errors).toEqual([]);
  });

  it('still reaps the dead when its own resync fails, and resyncs again at the next beat', async () => {
    let resyncs = 0;
    const t = setup({
      heartbeat: async () => true,
      resync: async () => {
        resyncs++;
        throw new Error('resync timed out');
      },
      reapDead: async () => [left],
    });
    await t.heartbeat.beat();
    expect(t.announced).toEqual([[[left], 'timeout']]);
    expect(t.tracker.needsResync).toBe(true);
    expect(t.errors).toHaveLength(1);
    await t.heartbeat.beat();
    expect(resyncs).toBe(2);
    expect(t.announced).toHaveLength(2);
  });

  it('reports a failed reap without asking for a resync of its own presence', async () => {
    const t = setup({
      reapDead: async () => {
        throw new Error('scan timed out');
      },
    });
    await t.heartbeat.beat();
    expect(t.errors).toHaveLength(1);
    expect(t.tracker.needsResync).toBe(false);
    expect(t.announced).toEqual([]);
  });

  it('does not pile beats up: a beat while one runs joins it', async () => {
    let release: () => void = () => undefined;
    let beats = 0;
    const t = setup({
      heartbeat: () => {
        beats++;
        return new Promise<boolean>((resolve) => (release = () => resolve(false)));
      },
    });
    const first = t.heartbeat.beat();
    const second = t.heartbeat.beat();
    expect(second).toBe(first);
    release();
    await first;
    expect(beats).toBe(1);
  });
});
