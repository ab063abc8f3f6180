import type { Request } from 'express';
import type { User } from '../../shared/index.js';
import { resolveUsers } from '../connection/user-names.js';
import { verifyWithRotation } from '../identity/session-token.js';
import type { RelayContext } from '../relay-context.js';

/** The user behind `Authorization: Bearer <session token>`, or undefined when missing or invalid. */
export async function bearerUser(ctx: RelayContext, req: Request): Promise<User | undefined> {
  const match = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  const payload = verifyWithRotation(ctx.config, match?.[1]);
  if (!payload) return undefined;
  const [user] = await resolveUsers([payload.uid], ctx.localUsers, ctx.stores.users).catch(() => [undefined]);
  return { id: payload.uid, name: user && user.name !== 'Someone' ? user.name : payload.name };
}
