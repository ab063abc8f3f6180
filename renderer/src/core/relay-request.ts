import type { ClientEventName, ClientToServerEvents } from '../../../shared/socket-events.js';
import { fail, type ClientError } from './client-result.js';
import type { RelaySocket } from './relay-socket.js';

export type RequestEvent = Exclude<ClientEventName, 'typing'>;
export type PayloadOf<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];
type AckOf<E extends ClientEventName> = Parameters<ClientToServerEvents[E]> extends [unknown, (res: infer R) => void] ? R : never;
export type RequestAck<E extends ClientEventName> = AckOf<E> | { ok: false; error: ClientError };
export type Requester = <E extends RequestEvent>(event: E, payload: PayloadOf<E>) => Promise<RequestAck<E>>;

/**
 * Every request goes through its ack with a timeout; no answer becomes code `timeout`. Nothing is
 * emitted while disconnected: socket.io would buffer it and send it again on reconnect, behind
 * the outbox's back.
 */
export function createRequester(socket: RelaySocket, timeoutMs: number): Requester {
  return async <E extends RequestEvent>(event: E, payload: PayloadOf<E>): Promise<RequestAck<E>> => {
    if (!socket.connected) return fail('offline');
    const withTimeout = socket.timeout(timeoutMs);
    // socket.io's typings cannot follow a generic event name; the event map still types E and the ack.
    const emit = withTimeout.emitWithAck.bind(withTimeout) as unknown as (event: E, payload: PayloadOf<E>) => Promise<AckOf<E>>;
    try {
      return await emit(event, payload);
    } catch {
      return fail('timeout');
    }
  };
}

