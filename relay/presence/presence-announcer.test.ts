import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { LocalUsers } from '../connection/local-users.js';
import type { RelayServer } from '../socket-types.js';
import { MemoryUserStore } from '../store/memory-user-store.js';
import type { PresenceTransition } from '../store/presence-store.js';
import { createPresenceAnnouncer } from './presence-announcer.js';

function setup(noticeMax: number) {
  const emitted: string[] = [];
  const counted: PresenceTransition[] = [];
  const io = { to: (room: string) => ({ emit: (event: string, payload: { user: { name: string } }) => emitted.push(`${room} ${event} ${payload.user.name}`) }) };
  const users = new MemoryUserStore();
  const announce = createPresenceAnnouncer({
    io: io as unknown as RelayServer,
    local: new LocalUsers(),
    users,
    logger: pino({ level: 'silent' }),
    noticeMax,
    noteCounts: (flips) => counted.push(...flips),
  });
  return { announce, emitted, counted, users };
}

const flip = (userId: string, present: boolean, count: number): PresenceTransition => ({ room: 'big', userId, present, count });

describe('presence announcer', () => {
  it('sends join and leave notices while the room has at most the limit after the change, and hands every flip to the counts', async () => {
    const { announce, emitted, counted, users } = setup(2);
    await users.setName('u1', 'Ada');
    await users.setName('u3', 'Cy');
    const flips = [flip('u1', true, 1), flip('u2', true, 2), flip('u3', true, 3), flip('u3', false, 2), flip('u2', false, 1)];
    await announce(flips, 'left');
    expect(emitted).toEqual(['big user:joined Ada', 'big user:joined Someone', 'big user:left Cy', 'big user:left Someone']);
    expect(counted).toEqual(flips);
  });

  it('sends no notice at all in a room above the limit', async () => {
    const { announce, emitted, counted } = setup(100);
    await announce([flip('u1', true, 101), flip('u2', true, 5000), flip('u1', false, 4999)], 'disconnected');
    expect(emitted).toEqual([]);
    expect(counted).toHaveLength(3);
  });
});
