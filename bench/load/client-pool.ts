import { io, type Socket } from 'socket.io-client';
import type { ChatDialect } from './chat-dialect.js';

/** How long one connection may take from `io()` to usable, before it counts as failed. */
const CONNECT_TIMEOUT_MS = 20_000;

export interface BenchClient {
  socket: Socket;
  /** Global index: decides the replica (index % replicas) and the display name. */
  index: number;
  /** Which of the relay URLs it is connected to: index % urls.length. */
  replica: number;
}

/**
 * Opens connections with at most `concurrency` handshakes in flight: a thundering herd of
 * thousands would measure the accept queue, and the relays would see a load no real crowd makes.
 */
export async function connectClients(options: {
  indices: number[];
  urls: string[];
  dialect: ChatDialect;
  concurrency: number;
  /** Per connection, from `io()` to set up (default 20 s). */
  connectTimeoutMs?: number;
  /** Runs once the connection is usable (e.g. joins its room); a throw counts as a failure. */
  setUp?: (client: BenchClient) => Promise<void>;
  onConnected?: () => void;
  deadline: number;
}): Promise<{ clients: BenchClient[]; failures: string[] }> {
  const { indices, urls, dialect } = options;
  const clients: BenchClient[] = [];
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < indices.length && Date.now() < options.deadline) {
      const index = indices[next++]!;
      const replica = index % urls.length;
      const url = urls[replica]!;
      const socket = io(url, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        timeout: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
        auth: { name: `bench ${index}` },
      });
      const client = { socket, index, replica };
      try {
        const timeoutMs = Math.max(1000, Math.min(options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS, options.deadline - Date.now()));
        await dialect.ready(socket, timeoutMs);
        // Every bench user stays in `lobby` with its join answer, as people do (issue 15): a
        // scenario about other rooms pays the lobby's presence cost like the product does.
        await dialect.enterLobby(socket, timeoutMs);
        await options.setUp?.(client);
        clients.push(client);
        options.onConnected?.();
      } catch (error) {
        socket.disconnect();
        failures.push(`client ${index} via ${url}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, indices.length)) }, worker));
  for (const index of indices.slice(next)) failures.push(`client ${index}: not attempted, the time budget ran out`);
  return { clients, failures };
}

/**
 * Resolves once no event has reached any of `clients` for `quietMs` (presence announcements after
 * a ramp settle down), or at `deadline`, so the storm of arrivals does not leak into a measurement.
 */
export async function waitForQuiet(clients: BenchClient[], quietMs: number, deadline: number): Promise<void> {
  let last = Date.now();
  const touch = () => (last = Date.now());
  for (const { socket } of clients) socket.onAny(touch);
  try {
    while (Date.now() - last < quietMs && Date.now() < deadline) await sleep(Math.min(100, quietMs));
  } finally {
    for (const { socket } of clients) socket.offAny(touch);
  }
}

export function closeClients(clients: BenchClient[]): void {
  for (const { socket } of clients) socket.disconnect();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
