import type { Server, Socket } from 'socket.io';
import type { RelayIncomingEvents, ServerToClientEvents, User } from '../shared/index.js';
import type { RoomNames } from './rooms/room-names.js';

/** Events replicas send each other through the adapter. */
export interface InterServerEvents {
  /**
   * A user renamed on another replica: update this replica's sockets of that user, and confirm
   * the rename to those of them in none of `noticeRooms` (the rooms that got `user:renamed`).
   */
  'user:renamed': (userId: string, name: string, previousName?: string, noticeRooms?: string[]) => void;
  /** Rooms at or above PRESENCE_NOTICE_MAX whose count changed on the sending replica (room-counts.ts). */
  'presence:changed': (rooms: string[]) => void;
  /** A user read further on a connection of another replica: tell this replica's other connections of that user. */
  'room:read': (userId: string, room: string, readSeq: number, exceptSocketId: string) => void;
}

export interface SocketData {
  user: User;
  /** Issued at the handshake; dropped once sent in `session`. */
  token: string | undefined;
  resumed: boolean;
  /** Rooms this connection counts in for presence (kept apart from socket.rooms, which is gone by 'disconnect'). */
  presenceRooms: RoomNames;
  /** session:close ran: the leave is on its way (after the grace period), with reason `closed`. */
  closedOnPurpose: boolean;
  /** The join being answered for this connection, if any: joins run one at a time (room-handlers.ts). */
  joinInFlight: Promise<unknown> | undefined;
  /** Created on the first typing signal: most connections never need it. */
  lastTypingAt: Map<string, number> | undefined;
}

export type RelayServer = Server<RelayIncomingEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RelaySocket = Socket<RelayIncomingEvents, ServerToClientEvents, InterServerEvents, SocketData>;
