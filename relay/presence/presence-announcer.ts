import type { LeaveReason } from '../../shared/index.js';
import { resolveUsers } from '../connection/user-names.js';
import type { LocalUsers } from '../connection/local-users.js';
import type { Logger } from '../logger.js';
import type { RelayServer } from '../socket-types.js';
import type { PresenceTransition } from '../store/presence-store.js';
import type { UserStore } from '../store/user-store.js';

export interface PresenceAnnouncerDeps {
  io: RelayServer;
  local: LocalUsers;
  users: UserStore;
  logger: Logger;
  /** PRESENCE_NOTICE_MAX: notices only while the room has at most this many users after the change. */
  noticeMax: number;
  /** Where the flips of larger rooms go instead: the coalesced `room:presence` (room-counts.ts). */
  noteCounts(flips: readonly PresenceTransition[]): void;
}

/**
 * Turns presence flips into `user:joined` / `user:left` for the room, cluster-wide (through
 * the adapter). Only the replica whose store update caused a flip announces it, so each event
 * is sent once. A flip leaving its room with more than `noticeMax` users is not announced:
 * a notice per arrival to every member costs n² deliveries to fill a room of n (5,000 users
 * landing in `lobby`), so those rooms get a count now and then instead. The count comes with
 * the flip from the store's atomic update, so replicas agree on which side of the limit it is.
 */
export function createPresenceAnnouncer(deps: PresenceAnnouncerDeps) {
  const { io, local, users, logger, noticeMax } = deps;
  return (flips: PresenceTransition[], leaveReason: LeaveReason): Promise<void> => {
    if (flips.length === 0) return Promise.resolve();
    logger.debug({ flips: flips.length, leaveReason }, 'presence changed');
    deps.noteCounts(flips);
    const noticed = flips.filter((f) => f.count <= noticeMax);
    if (noticed.length === 0) return Promise.resolve();
    return resolveUsers([...new Set(noticed.map((f) => f.userId))], local, users)
      .catch(() => noticed.map((f) => ({ id: f.userId, name: local.nameOf(f.userId) ?? 'Someone' })))
      .then((resolved) => {
        const byId = new Map(resolved.map((u) => [u.id, u]));
        for (const flip of noticed) {
          const user = byId.get(flip.userId) ?? { id: flip.userId, name: 'Someone' };
          if (flip.present) io.to(flip.room).emit('user:joined', { room: flip.room, user });
          else io.to(flip.room).emit('user:left', { room: flip.room, user, reason: leaveReason });
        }
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'presence announcement failed'));
  };
}
