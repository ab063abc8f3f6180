import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Cluster, type Command } from 'ioredis';
import type { RedisClient } from '../redis/redis-connection.js';
import { luaScriptSha } from './lua-scripts.js';
import { describePresenceStore, type PresenceHarness } from './presence-store.suite.js';
import { PresenceKeys } from './redis-presence-keys.js';
import { scanKeys } from './redis-presence-reaper.js';
import { RedisPresenceStore, type RedisPresenceOptions } from './redis-presence-store.js';
import { RedisUserStore } from './redis-user-store.js';

const untilPast = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const described = (flips: Array<{ room: string; userId: string; present: boolean; count: number }>) => flips.map((t) => `${t.room}/${t.userId}/${t.present}/${t.count}`).sort();

/**
 * The presence suite, and what only a shared store has (several replicas, the reaper), against
 * a Redis reached through `redis()`: one Redis, or a Redis Cluster, where every script must stay
 * on its room's shard (a CROSSSLOT refusal fails these tests).
 */
export function describeRedisPresence(name: string, redis: () => RedisClient, rooms: () => Promise<string[]> = async () => ['lobby', 'dev', 'ops']): void {
  function harness(timeoutMs = 10_000, options: RedisPresenceOptions = {}) {
    const client = redis();
    const prefix = `t-${randomUUID()}:`;
    return {
      replica: (id: string) => new RedisPresenceStore(client, id, timeoutMs, { prefix, ...options }),
      users: new RedisUserStore(client, prefix),
      cleanup: async () => {},
      prefix,
      client,
    } satisfies PresenceHarness & Record<string, unknown>;
  }

  /**
   * Makes the release of what some incarnation holds in `room` fail (its held set turned into a
   * string: WRONGTYPE), as a command timing out on a loaded shard would; `restore` undoes it.
   */
  async function breakHeldSet(h: ReturnType<typeof harness>, room: string): Promise<{ key: string; restore: () => Promise<void> }> {
    const keys = new PresenceKeys(h.prefix);
    const key = (await scanKeys(h.client, keys.heldPattern())).find((k) => keys.parseHeld(k)?.room === room);
    if (!key) throw new Error(`no held set for ${room}`);
    await h.client.rename(key, `${key}:aside`);
    await h.client.set(key, 'not a set');
    return {
      key,
      restore: async () => {
        await h.client.del(key);
        await h.client.rename(`${key}:aside`, key);
      },
    };
  }

  /**
   * Makes the reaper's release in `rooms` run in Redis but fail for its caller, as a reply lost
   * to a command timeout or a dropped connection would; the returned function undoes it.
   */
  function loseReleaseReplies(client: RedisClient, rooms: readonly string[]): () => void {
    const sha = luaScriptSha('presenceForget');
    // On a cluster, scripts go to their node's connection (redis/slot-owner.ts), and so does
    // whatever the cluster client routes itself: its nodes are where every reply comes back.
    const connections: RedisClient[] = client instanceof Cluster ? client.nodes() : [client];
    const restores = connections.map((connection) => {
      const original = connection.sendCommand;
      connection.sendCommand = function (this: RedisClient, command: Command, ...rest: unknown[]) {
        const ran = (original as (...args: unknown[]) => Promise<unknown>).call(this, command, ...rest);
        // args: the SHA, numkeys, then the room's presence key, which carries the room as its hash tag.
        if (command.args[0] !== sha || !rooms.some((room) => String(command.args[2]).includes(`{${room}}`))) return ran;
        return ran.then(() => Promise.reject(new Error('Command timed out')));
      } as typeof connection.sendCommand;
      return () => {
        connection.sendCommand = original;
      };
    });
    return () => restores.forEach((restore) => restore());
  }

  /** One live replica holding u1 in every room. */
  async function holdingEverywhere(h: ReturnType<typeof harness>) {
    const a = h.replica('a');
    const all = await rooms();
    await a.heartbeat();
    const held = all.map((room) => ({ room, userId: 'u1' }));
    await a.apply(held.map((e) => ({ ...e, present: true })));
    return { a, all, held };
  }

  describePresenceStore(name, async () => harness());

  describe(`${name} presence across replicas`, () => {
    it('keeps a user present while any replica holds them', async () => {
      const h = harness();
      const a = h.replica('a');
      const b = h.replica('b');
      expect(await a.apply([{ room: 'lobby', userId: 'u1', present: true }])).toHaveLength(1);
      expect(await b.apply([{ room: 'lobby', userId: 'u1', present: true }])).toEqual([]);
      // The count is the cluster's: a user held by two replicas counts once, each replica's users add up.
      expect(await b.apply([{ room: 'lobby', userId: 'u2', present: true }])).toEqual([{ room: 'lobby', userId: 'u2', present: true, count: 2 }]);
      expect(await a.count('lobby')).toBe(2);
      expect(await b.apply([{ room: 'lobby', userId: 'u2', present: false }])).toEqual([{ room: 'lobby', userId: 'u2', present: false, count: 1 }]);
      expect(await a.apply([{ room: 'lobby', userId: 'u1', present: false }])).toEqual([]);
      expect((await b.page('lobby', undefined, 10)).userIds).toEqual(['u1']);
      expect(await b.roomsOf('u1')).toEqual(['lobby']);
      expect(await b.apply([{ room: 'lobby', userId: 'u1', present: false }])).toHaveLength(1);
      expect(await a.roomsOf('u1')).toEqual([]);
    });

    it('counts rooms on every shard in one listing, and lists the rooms of a user held on two replicas', async () => {
      const h = harness();
      const [a, b] = [h.replica('a'), h.replica('b')];
      const all = await rooms();
      await a.apply(all.map((room) => ({ room, userId: 'u1', present: true })));
      await b.apply(all.map((room, i) => ({ room, userId: `v${i}`, present: true })));
      expect(Object.fromEntries(await b.roomUserCounts())).toEqual(Object.fromEntries(all.map((room) => [room, 2])));
      expect((await b.roomsOf('u1')).sort()).toEqual([...all].sort());
      await a.apply(all.map((room) => ({ room, userId: 'u1', present: false })));
      await b.apply(all.map((room, i) => ({ room, userId: `v${i}`, present: false })));
      expect(await a.roomUserCounts()).toEqual(new Map());
    });

    it('reaps a replica that stopped heart-beating in rooms on every shard, and only one reaper reports it', async () => {
      const h = harness(300);
      const dead = h.replica('dead');
      const alive = h.replica('alive');
      const all = await rooms();
      expect(await dead.heartbeat()).toBe(true);
      expect(await dead.heartbeat()).toBe(false);
      await dead.apply(all.map((room) => ({ room, userId: 'u1', present: true })));
      await alive.apply([{ room: all[0]!, userId: 'u2', present: true }]);
      await untilPast(400);
      await alive.heartbeat();
      const [first, second] = await Promise.all([alive.reapDead(), h.replica('other').reapDead()]);
      expect(described([...first, ...second])).toEqual(described(all.map((room, i) => ({ room, userId: 'u1', present: false, count: i === 0 ? 1 : 0 }))));
      expect(first.length === 0 || second.length === 0).toBe(true);
      expect((await alive.page(all[0]!, undefined, 10)).userIds).toEqual(['u2']);
      expect((await alive.recent(all[0]!, 10)).userIds).toEqual(['u2']);
      expect(await alive.roomsOf('u1')).toEqual([]);
      expect(await h.client.hlen(`${h.prefix}urooms:{u1}`)).toBe(0);
      // The reaped replica learns it was forgotten at its next heartbeat, and re-asserts.
      expect(await dead.heartbeat()).toBe(true);
      expect(described(await dead.resync([{ room: all[1]!, userId: 'u1' }]))).toEqual([`${all[1]}/u1/true/1`]);
      // Reaping again finds nothing: the new incarnation is alive.
      expect(await alive.reapDead()).toEqual([]);
      expect(await alive.count(all[1]!)).toBe(1);
    });

    it('a reaper whose release fails in one room reports the other rooms at once and releases that one at a later reap', async () => {
      const errors: unknown[] = [];
      const h = harness(300, { onReleaseError: (error) => errors.push(error) });
      const dead = h.replica('dead');
      const alive = h.replica('alive');
      const all = await rooms();
      await dead.heartbeat();
      await dead.apply(all.map((room) => ({ room, userId: 'u1', present: true })));
      const broken = await breakHeldSet(h, all[1]!);
      await untilPast(400);
      await alive.heartbeat();
      // The claim went through: the rooms that could be released are reported now.
      expect(described(await alive.reapDead())).toEqual(described(all.filter((room) => room !== all[1]).map((room) => ({ room, userId: 'u1', present: false, count: 0 }))));
      expect(await alive.count(all[1]!)).toBe(1);
      expect(await alive.reapDead()).toEqual([]);
      // Each failed try is reported, though the reap itself answers normally.
      expect(errors.map(String)).toEqual([expect.stringMatching(/WRONGTYPE/), expect.stringMatching(/WRONGTYPE/)]);
      await broken.restore();
      // The dead replica is no longer registered, yet the reaper that claimed it still releases it.
      expect(described(await alive.reapDead())).toEqual([`${all[1]}/u1/false/0`]);
      expect(await alive.count(all[1]!)).toBe(0);
      expect(await alive.reapDead()).toEqual([]);
    });

    it('a reaper whose release ran but whose reply was lost reports it at a later reap, for the users still away', async () => {
      const errors: unknown[] = [];
      const h = harness(300, { onReleaseError: (error) => errors.push(error) });
      const dead = h.replica('dead');
      const alive = h.replica('alive');
      const [first, second, third] = (await rooms()) as [string, string, string];
      await dead.heartbeat();
      await dead.apply([first, second, third].map((room) => ({ room, userId: 'u1', present: true })));
      await dead.apply([{ room: third, userId: 'u2', present: true }]);
      await untilPast(400);
      await alive.heartbeat();
      const restore = loseReleaseReplies(h.client, [second, third]);
      try {
        expect(described(await alive.reapDead())).toEqual([`${first}/u1/false/0`]);
      } finally {
        restore();
      }
      expect(errors.map(String)).toEqual([expect.stringMatching(/timed out/), expect.stringMatching(/timed out/)]);
      // The scripts did run: nothing is held any more, so a scan finds nothing to release.
      expect(await alive.count(second)).toBe(0);
      expect(await alive.count(third)).toBe(0);
      // u1 comes back to the third room before the next reap: that arrival is announced, not the earlier leave.
      expect(described(await alive.apply([{ room: third, userId: 'u1', present: true }]))).toEqual([`${third}/u1/true/1`]);
      expect(described(await alive.reapDead())).toEqual([`${second}/u1/false/0`, `${third}/u2/false/1`]);
      expect(await alive.reapDead()).toEqual([]);
      expect(await h.client.hlen(`${h.prefix}urooms:{u2}`)).toBe(0);
      expect(await alive.roomsOf('u1')).toEqual([third]);
    });

    it('a resync that fails to release a room of its old incarnation asks for another resync at the next heartbeat', async () => {
      const errors: unknown[] = [];
      const h = harness(10_000, { onReleaseError: (error) => errors.push(error) });
      const { a, all, held } = await holdingEverywhere(h);
      await h.client.del(`${h.prefix}replicas`);
      expect(await a.heartbeat()).toBe(true);
      // The old incarnation's set in one room cannot be released by the resync.
      const broken = await breakHeldSet(h, all[1]!);
      expect(await a.resync(held)).toEqual([]);
      expect(errors.map(String)).toEqual([expect.stringMatching(/WRONGTYPE/)]);
      await broken.restore();
      expect(await a.heartbeat()).toBe(true);
      expect(await a.resync(held)).toEqual([]);
      expect(await h.client.exists(broken.key)).toBe(0);
      expect(await a.heartbeat()).toBe(false);
      expect(await a.removeSelf()).toHaveLength(all.length);
      for (const room of all) expect(await a.count(room)).toBe(0);
    });

    it('reaps, by scanning every shard, a replica whose heartbeat entry was lost before it died', async () => {
      const h = harness(200, { orphanScanMs: 100 });
      const lost = h.replica('lost');
      const alive = h.replica('alive');
      const all = await rooms();
      await lost.heartbeat();
      await lost.apply(all.map((room) => ({ room, userId: 'u1', present: true })));
      await h.client.del(`${h.prefix}replicas`);
      await alive.heartbeat();
      // Too young to be an orphan: a replica that just started may hold before its first beat lands.
      expect(await alive.reapDead()).toEqual([]);
      await untilPast(450);
      await alive.heartbeat();
      expect(described(await alive.reapDead())).toEqual(described(all.map((room) => ({ room, userId: 'u1', present: false, count: 0 }))));
      for (const room of all) expect(await alive.count(room)).toBe(0);
    });

    it('a live replica whose entry was lost re-registers and keeps its users without a flicker', async () => {
      const h = harness(10_000);
      const { a, all, held } = await holdingEverywhere(h);
      await h.client.del(`${h.prefix}replicas`);
      expect(await a.heartbeat()).toBe(true);
      // Re-asserted under the new incarnation, then the old one's holdings released: no flips.
      expect(await a.resync(held)).toEqual([]);
      for (const room of all) expect(await a.count(room)).toBe(1);
      expect(await a.removeSelf()).toHaveLength(all.length);
      for (const room of all) expect(await a.count(room)).toBe(0);
    });
  });
}
