import { randomUUID } from 'node:crypto';
import { checkName, handshakeAuthSchema, type User } from '../../shared/index.js';
import { randomName } from '../identity/random-name.js';
import { issueToken, verifyWithRotation } from '../identity/session-token.js';
import type { RelayContext } from '../relay-context.js';
import { RoomNames } from '../rooms/room-names.js';
import type { RelaySocket } from '../socket-types.js';

/**
 * Handshake middleware: a valid token resumes its user (with the current central name); anything
 * else — no token, malformed, forged, expired — gets a new identity. Never rejects a client for
 * bad auth. A token signed with the previous secret (RELAY_SECRET_PREVIOUS) still resumes and is
 * re-issued with the current one, so a planned rotation logs nobody out; it is counted, because
 * after a leak the same path would launder forged tokens (docs/security.md: never set
 * RELAY_SECRET_PREVIOUS to a leaked secret).
 */
export function createIdentify(ctx: RelayContext) {
  return async (socket: RelaySocket, next: (error?: Error) => void): Promise<void> => {
    const auth = handshakeAuthSchema.parse(socket.handshake.auth ?? {});
    ctx.transport.releaseHandshake(socket);
    const verified = verifyWithRotation(ctx.config, auth.token);
    let user: User;
    if (verified) {
      if (verified.signedWith === 'previous') ctx.metrics.previousSecretTokens.inc();
      const stored = await ctx.stores.users.getNames([verified.uid]).catch(() => new Map<string, string>());
      user = { id: verified.uid, name: ctx.localUsers.nameOf(verified.uid) ?? stored.get(verified.uid) ?? verified.name };
    } else {
      const wanted = auth.name === undefined ? undefined : checkName(auth.name);
      user = { id: randomUUID(), name: wanted?.ok ? wanted.value : randomName() };
    }
    // Refreshes the name's lifetime too; a failure only costs the fallback name in the token.
    ctx.stores.users.setName(user.id, user.name).catch((error: unknown) => ctx.logger.warn({ err: error }, 'could not store name'));
    socket.data = {
      user,
      token: issueToken(ctx.config.secret, user.id, user.name),
      resumed: verified !== undefined,
      presenceRooms: new RoomNames(),
      closedOnPurpose: false,
      joinInFlight: undefined,
      lastTypingAt: undefined,
    };
    next();
  };
}
