import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, HandshakeAuth, Message, ServerToClientEvents, SessionEvent } from '../../shared/index.js';
import { waitFor } from '../../scripts/cluster/wait-for.mjs';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A protocol client for tests: records every event it receives and waits for the session. */
export interface TestClient {
  socket: ClientSocket;
  session: SessionEvent;
  /** Every event received, in arrival order. */
  events: Array<{ event: string; payload: unknown }>;
  messages(room?: string): Message[];
  received(event: string): unknown[];
  /** Emits with an ack (5 s timeout) and resolves with the relay's answer. */
  request<T = Record<string, unknown>>(event: string, payload?: unknown): Promise<T & { ok: boolean; error?: { code: string; message: string } }>;
  send(room: string, text: string, clientId?: string): Promise<{ ok: boolean; message?: Message; duplicate?: boolean; error?: { code: string } }>;
  close(): void;
}

export async function connectClient(url: string, auth: HandshakeAuth = {}, options: { extraHeaders?: Record<string, string>; reconnection?: boolean } = {}): Promise<TestClient> {
  const socket: ClientSocket = io(url, { transports: ['websocket'], auth, forceNew: true, reconnection: options.reconnection ?? false, ...(options.extraHeaders ? { extraHeaders: options.extraHeaders } : {}) });
  const events: TestClient['events'] = [];
  socket.onAny((event: string, payload: unknown) => events.push({ event, payload }));
  const session = await new Promise<SessionEvent>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no session event from ${url} within 10 s`)), 10_000);
    socket.once('session', (event) => {
      clearTimeout(timer);
      resolve(event);
    });
    // With reconnection on, a refused attempt is retried by the client: only the timeout ends the wait.
    if (!options.reconnection) {
      socket.once('connect_error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    }
  });
  const client: TestClient = {
    socket,
    session,
    events,
    messages: (room) => events.filter((e) => e.event === 'message').map((e) => e.payload as Message).filter((m) => room === undefined || m.room === room),
    received: (event) => events.filter((e) => e.event === event).map((e) => e.payload),
    request: (event, payload = {}) => (socket.timeout(5000) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<never> }).emitWithAck(event, payload),
    send: (room, text, clientId = randomUUID()) => client.request('message', { room, text, clientId }),
    close: () => socket.disconnect(),
  };
  return client;
}

/** Waits until `client` has received `count` messages in `room`. */
export function waitForMessages(client: TestClient, room: string, count: number, timeoutMs = 10_000): Promise<Message[]> {
  return waitFor(() => (client.messages(room).length >= count ? client.messages(room) : undefined), { timeoutMs, what: `${count} messages in ${room}` });
}

export function waitForEvent<T = unknown>(client: TestClient, event: string, match: (payload: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
  return waitFor(() => client.received(event).find((p) => match(p as T)) as T | undefined, { timeoutMs, what: `event ${event}` });
}
