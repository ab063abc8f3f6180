import type { LeaveReason } from '../../shared/index.js';
import { resolveUsers } from '../connection/user-names.js';
import type { LocalUsers } from '../connection/local-users.js';
import type { Logger } from '../logger.js';
import type { RelayServer } from '../socket-types.js';
import type { PresenceTransition } from '../store/presence-store.js';
import type { UserStore } from '../store/user-store.js';

/**
 * Turns presence flips into `user:joined` / `user:left` for the room, cluster-wide (through
 * the adapter). Only the replica whose store update caused a flip announces it, so each event
 * is sent once.
 */
export function createPresenceAnnouncer(io: RelayServer, local: LocalUsers, users: UserStore, logger: Logger) {
  return (flips: PresenceTransition[], leaveReason: LeaveReason): Promise<void> => {
    if (flips.length === 0) return Promise.resolve();
    logger.debug({ flips, leaveReason }, 'presence changed');
    return resolveUsers([...new Set(flips.map((f) => f.userId))], local, users)
      .catch(() => flips.map((f) => ({ id: f.userId, name: local.nameOf(f.userId) ?? 'Someone' })))
      .then((resolved) => {
        const byId = new Map(resolved.map((u) => [u.id, u]));
        for (const flip of flips) {
          const user = byId.get(flip.userId) ?? { id: flip.userId, name: 'Someone' };
          if (flip.present) io.to(flip.room).emit('user:joined', { room: flip.room, user });
          else io.to(flip.room).emit('user:left', { room: flip.room, user, reason: leaveReason });
        }
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'presence announcement failed'));
  };
}
