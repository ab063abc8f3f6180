import type { z } from 'zod';
import { parsePayload, type AckError, type ClientEventName } from '../../shared/index.js';
import type { RelayContext } from '../relay-context.js';
import type { RelaySocket } from '../socket-types.js';
import { failure } from './ack-result.js';

/**
 * Registers a client event whose payload is validated by `schema` and whose result goes back
 * through the ack. Anything a client sends — wrong types, no callback, extra arguments — gets
 * an error ack (or is dropped without a callback); nothing throws out of a handler.
 */
export function onEvent<S extends z.ZodType, R extends object>(
  ctx: RelayContext,
  socket: RelaySocket,
  event: ClientEventName,
  schema: S,
  run: (payload: z.output<S>) => Promise<({ ok: true } & R) | AckError>,
): void {
  socket.on(event, (...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as (response: unknown) => void) : undefined;
    if (ack) args.pop();
    const parsed = parsePayload(schema, args[0]);
    const answer = (response: ({ ok: true } & R) | AckError) => {
      if (!response.ok) ctx.metrics.errors.inc({ code: response.error.code });
      ack?.(response);
    };
    if (!parsed.ok) return answer(failure(parsed.code, parsed.message));
    run(parsed.value).then(answer, (error: unknown) => {
      ctx.metrics.redisErrors.inc();
      ctx.logger.warn({ err: error, event, user: socket.data.user.id }, 'event failed; answered unavailable');
      answer(failure('unavailable'));
    });
  });
}
