import type { z } from 'zod';
import { parsePayload, type AckError, type ClientEventName } from '../../shared/index.js';
import type { RelayContext } from '../relay-context.js';
import type { RelaySocket } from '../socket-types.js';
import { failure } from '../messaging/ack-failure.js';
import { RoomLimitError } from '../store/message-store.js';

/**
 * Handles one client event for any connection: built once per relay, it gets the socket as an
 * argument, so a connection costs no closures of its own (see client-events.ts).
 * `args` are the event's arguments after the name, the ack callback last if the client sent one.
 */
export type EventHandler = (socket: RelaySocket, args: unknown[]) => void;

/**
 * For a send's `beforeLocalDelivery`: the author's copy of the stored entry and the ack leave in
 * one write (RelayTransport.holdWrites).
 */
export const holdWrites = (ctx: RelayContext, socket: RelaySocket) => () => ctx.transport.holdWrites(socket);

/**
 * A client event whose payload is validated by `schema` and whose result goes back through the
 * ack. Anything a client sends — wrong types, no callback, extra arguments — gets an error ack
 * (or is dropped without a callback); nothing throws out of a handler.
 */
export function validatedEvent<S extends z.ZodType, R extends object>(
  ctx: RelayContext,
  event: ClientEventName,
  schema: S,
  run: (socket: RelaySocket, payload: z.output<S>) => Promise<({ ok: true } & R) | AckError>,
): EventHandler {
  return (socket, args) => {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as (response: unknown) => void) : undefined;
    const parsed = parsePayload(schema, ack && args.length === 1 ? undefined : args[0]);
    const answer = (response: ({ ok: true } & R) | AckError) => {
      if (!response.ok) ctx.metrics.errors.inc({ code: response.error.code });
      ack?.(response);
      // An answer (a join's history) can be large: a connection that does not read is dropped now,
      // before it can ask for more.
      if (ack) ctx.transport.checkBacklog(socket);
    };
    if (!parsed.ok) return answer(failure(parsed.code, parsed.message));
    run(socket, parsed.value).then(answer, (error: unknown) => {
      if (error instanceof RoomLimitError) return answer(failure('room_limit'));
      ctx.metrics.redisErrors.inc();
      ctx.logger.warn({ err: error, event, user: socket.data.user.id }, 'event failed; answered unavailable');
      answer(failure('unavailable'));
    });
  };
}
