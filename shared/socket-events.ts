import type {
  Ack,
  DrainingEvent,
  Message,
  MessagePayload,
  MessageResult,
  RenamePayload,
  RenameResult,
  RoomJoinPayload,
  RoomJoinResult,
  RoomLeavePayload,
  RoomLeaveResult,
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
}
