import type { Message, User } from '../../../shared/protocol-types.js';
import type { ConnectionStatus } from './connection-status.js';

/** What the chat client tells its views; they read the new state through the client's accessors. */
export interface ChatClientEvents {
  status: (status: ConnectionStatus) => void;
  /** Our own user changed (session start, rename). */
  me: (user: User) => void;
  /** The list of joined rooms or their unread counts changed. */
  rooms: () => void;
  /** Messages, notices, users, typing or pending messages of this room changed. */
  room: (room: string) => void;
  /** A new live message from someone else (for notifications). */
  incoming: (message: Message) => void;
}
