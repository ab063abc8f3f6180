import type { Socket } from 'socket.io-client';
import { LOBBY } from '../../shared/rooms.js';
import type { Implementation } from '../bench-results.js';

export interface BenchMessage {
  room: string;
  text: string;
  clientId: string;
}

/** How one send ended: acked, refused with an error code, or no answer in time. */
export type SendOutcome = { kind: 'ok' } | { kind: 'rejected'; code: string } | { kind: 'timeout' };

/**
 * The only place the two relays differ for the load generator: event names and the steps before
 * a connection is usable. Everything else (connecting, sending, timing) is one code path, so the
 * comparison measures the relays and not the clients.
 */
export interface ChatDialect {
  /** Resolves once the connection may send (ours: the `session` event; stock: `connect`). */
  ready(socket: Socket, timeoutMs: number): Promise<void>;
  /**
   * Once per connection after `ready`, as users do: be in `lobby` with its join answer (ours
   * joins every session to it; the product client still asks for the answer, which carries the
   * history; stock: `join`).
   */
  enterLobby(socket: Socket, timeoutMs: number): Promise<void>;
  join(socket: Socket, room: string, timeoutMs: number): Promise<void>;
  send(socket: Socket, message: BenchMessage, timeoutMs: number, done: (outcome: SendOutcome) => void): void;
}

type AckAnswer = { ok?: boolean; error?: { code?: string } } | undefined;

function request(socket: Socket, event: string, payload: unknown, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.timeout(timeoutMs).emit(event, payload, (error: Error | null, answer: AckAnswer) => {
      if (error) reject(new Error(`no answer to ${event} within ${timeoutMs} ms`));
      else if (answer?.ok !== true) reject(new Error(`${event} refused: ${answer?.error?.code ?? 'no ok in the answer'}`));
      else resolve();
    });
  });
}

function once(socket: Socket, event: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onEvent = () => {
      cleanup();
      resolve();
    };
    const onError = (error: Error) => {
      cleanup();
      reject(new Error(`connect_error: ${error.message}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      socket.off(event, onEvent);
      socket.off('connect_error', onError);
    };
    socket.on(event, onEvent);
    socket.on('connect_error', onError);
  });
}

function send(event: string) {
  return (socket: Socket, message: BenchMessage, timeoutMs: number, done: (outcome: SendOutcome) => void) => {
    socket.timeout(timeoutMs).emit(event, message, (error: Error | null, answer: AckAnswer) => {
      if (error) done({ kind: 'timeout' });
      else if (answer?.ok === true) done({ kind: 'ok' });
      else done({ kind: 'rejected', code: answer?.error?.code ?? 'no_ok' });
    });
  };
}

/** Our relay, by its protocol: wait for `session`, `room:join` with an ack, `message` with an ack. */
const ours: ChatDialect = {
  ready: (socket, timeoutMs) => once(socket, 'session', timeoutMs),
  enterLobby: (socket, timeoutMs) => request(socket, 'room:join', { room: LOBBY }, timeoutMs),
  join: (socket, room, timeoutMs) => request(socket, 'room:join', { room }, timeoutMs),
  send: send('message'),
};

/** The stock Socket.IO chat (bench/baseline-relay.ts): `join` and `message`, both acked. */
const stock: ChatDialect = {
  ready: (socket, timeoutMs) => (socket.connected ? Promise.resolve() : once(socket, 'connect', timeoutMs)),
  enterLobby: (socket, timeoutMs) => request(socket, 'join', LOBBY, timeoutMs),
  join: (socket, room, timeoutMs) => request(socket, 'join', room, timeoutMs),
  send: send('message'),
};

export function dialectFor(implementation: Implementation): ChatDialect {
  return implementation === 'ours' ? ours : stock;
}
