import type {
  Ack,
  DrainingEvent,
  Message,
  MessageDeletePayload,
  MessageEditPayload,
  MessagePayload,
  MessageReactPayload,
  MessageResult,
  RenamePayload,
  RenameResult,
  RoomJoinPayload,
  RoomJoinResult,
  RoomLeavePayload,
  RoomLeaveResult,
  RoomPresenceEvent,
  RoomReadEvent,
  RoomReadPayload,
  RoomReadResult,
  RoomTopicPayload,
  RoomUsersPayload,
  RoomUsersResponse,
  SessionClosePayload,
  SessionCloseResult,
  SessionEvent,
  TypingEvent,
  TypingPayload,
  UserJoinedEvent,
  UserLeftEvent,
  UserRenamedEvent,
} from './protocol-types.js';

/** Events a client emits, typed as a well-behaved client sends them. */
export interface ClientToServerEvents {
  'room:join': (payload: RoomJoinPayload, ack: (res: Ack<RoomJoinResult>) => void) => void;
  'room:leave': (payload: RoomLeavePayload, ack: (res: Ack<RoomLeaveResult>) => void) => void;
  message: (payload: MessagePayload, ack: (res: Ack<MessageResult>) => void) => void;
  rename: (payload: RenamePayload, ack: (res: Ack<RenameResult>) => void) => void;
  typing: (payload: TypingPayload) => void;
  'session:close': (payload: SessionClosePayload, ack: (res: Ack<SessionCloseResult>) => void) => void;
  // v1.1: each change acks the new entry (or, for a repeat, the first answer with duplicate: true).
  'message:edit': (payload: MessageEditPayload, ack: (res: Ack<MessageResult>) => void) => void;
  'message:delete': (payload: MessageDeletePayload, ack: (res: Ack<MessageResult>) => void) => void;
  'message:react': (payload: MessageReactPayload, ack: (res: Ack<MessageResult>) => void) => void;
  'room:topic': (payload: RoomTopicPayload, ack: (res: Ack<MessageResult>) => void) => void;
  'room:read': (payload: RoomReadPayload, ack: (res: Ack<RoomReadResult>) => void) => void;
  // v1.1 (large rooms): pages through a room's online users.
  'room:users': (payload: RoomUsersPayload, ack: (res: Ack<RoomUsersResponse>) => void) => void;
}

export type ClientEventName = keyof ClientToServerEvents;

/**
 * What the relay actually receives: anything. The relay registers these and validates every
 * argument itself, so a hostile client cannot reach a handler with an unchecked type.
 */
export type RelayIncomingEvents = { [E in ClientEventName]: (...args: unknown[]) => void };

export interface ServerToClientEvents {
  session: (event: SessionEvent) => void;
  message: (message: Message) => void;
  'user:joined': (event: UserJoinedEvent) => void;
  'user:left': (event: UserLeftEvent) => void;
  'user:renamed': (event: UserRenamedEvent) => void;
  typing: (event: TypingEvent) => void;
  'relay:draining': (event: DrainingEvent) => void;
  /** v1.1: the same user read further on another connection. */
  'room:read': (event: RoomReadEvent) => void;
  /** v1.1 (large rooms): the room's online count, coalesced, instead of notices above the limit. */
  'room:presence': (event: RoomPresenceEvent) => void;
}
