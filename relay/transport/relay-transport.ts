import type { IncomingMessage } from 'node:http';
import type { LiveEntry } from '../store/encoded-entry.js';
import type { RelayServer, RelaySocket } from '../socket-types.js';
import { dropConnection } from './connection-drop.js';
import { trackConnections, type AddressCounter } from './connection-tracking.js';
import { batchFrameWrites, holdUntilTick } from './frame-batching.js';
import { releaseHandshake } from './handshake-release.js';
import { OutboundLimit } from './outbound-limit.js';
import { createRoomFanOut } from './room-fan-out.js';
import { createSlicedBroadcast } from './sliced-broadcast.js';

/** The `parser` option the relay's Socket.IO server needs for `fanOut` (entry-encoder.ts). */
export { entryParser } from './entry-encoder.js';

/**
 * The relay's connections as the rest of the relay sees them. This folder is the only code that
 * knows Engine.IO's and ws's internals (the raw TCP socket, `transport.writable`, the upgrade
 * request, `terminate`); everything else goes through this interface, so an Engine.IO or ws
 * upgrade is checked here, by the tests next to these files, and nowhere else.
 */
export interface RelayTransport {
  /** Emits `messages` (one room's, in seq order) to this replica's members of `room`; returns the deliveries. */
  fanOut(room: string, messages: readonly LiveEntry[]): number;
  /**
   * Emits one event to this replica's members of `room`, a slice of them per turn of the event
   * loop: for a large room's notices (sliced-broadcast.ts).
   */
  broadcast: ReturnType<typeof createSlicedBroadcast>;
  /**
   * Emits to `socket` during the rest of this run of microtasks leave in one write: a send's own
   * delivery and its ack (frame-batching.ts, holdUntilTick).
   */
  holdWrites(socket: RelaySocket): void;
  /** This replica's connections in `room`. */
  localMemberCount(room: string): number;
  /** Closes one connection the way a lost network would: its client reconnects by itself and resumes. */
  drop(socket: RelaySocket): void;
  /** Drops every connection of this replica (the drain). */
  dropAll(): void;
  /** Drops the connection if more than MAX_CONNECTION_BUFFER_BYTES wait to be sent to it (after a large answer). */
  checkBacklog(socket: RelaySocket): void;
  /** Forgets what Socket.IO kept of a socket's handshake, once the auth payload has been read. */
  releaseHandshake(socket: RelaySocket): void;
  /** Closes the Engine.IO server (after the drain): no new connections, none left open. */
  close(): void;
}

export interface TransportOptions {
  /** The client address of a connection's handshake request (proxy policy lives with the caller). */
  addressOf(req: IncomingMessage): string;
  /** Counts connections per address until they close (MAX_CONNECTIONS_PER_IP). */
  connections: AddressCounter;
  /** MAX_CONNECTION_BUFFER_BYTES: a connection with more queued is dropped (0: no limit). */
  maxBacklogBytes: number;
  /** Counts connections dropped for their backlog. */
  onBacklogDrop(): void;
}

/** How often every connection's backlog is looked at. */
const BACKLOG_SWEEP_MS = 500;

export function attachTransport(io: RelayServer, options: TransportOptions): RelayTransport {
  batchFrameWrites(io.engine);
  trackConnections(io.engine, options.addressOf, options.connections);
  const namespace = io.of('/');
  const backlog = new OutboundLimit(
    (visit) => {
      for (const socket of namespace.sockets.values()) visit(socket.conn);
    },
    {
      maxBytes: options.maxBacklogBytes,
      sweepMs: BACKLOG_SWEEP_MS,
      onDrop: options.onBacklogDrop,
    },
  );
  return {
    fanOut: createRoomFanOut(io),
    broadcast: createSlicedBroadcast(io),
    holdWrites: (socket) => holdUntilTick(socket.conn),
    localMemberCount: (room) => namespace.adapter.rooms.get(room)?.size ?? 0,
    drop: (socket) => dropConnection(socket.conn),
    dropAll: () => {
      for (const socket of namespace.sockets.values()) dropConnection(socket.conn);
    },
    checkBacklog: (socket) => void backlog.check(socket.conn),
    releaseHandshake,
    close: () => {
      backlog.close();
      io.engine.close();
    },
  };
}
