import type { RelayContext } from '../relay-context.js';
import type { RelaySocket } from '../socket-types.js';
import { changeHandlers } from './change-handlers.js';
import type { EventHandler } from './event-handler.js';
import { messageHandler } from './message-handler.js';
import { readHandler } from './read-handler.js';
import { renameHandler } from './rename-handler.js';
import { roomHandlers } from './room-handlers.js';
import { roomUsersHandler } from './room-users-handler.js';
import { connectionEndHandlers, sessionCloseHandler } from './session-handlers.js';
import { typingHandler } from './typing-handler.js';

/**
 * Every connection's events go through the same three listener functions, created once per
 * relay: Socket.IO calls them with the socket as `this`. Per-connection `socket.on(event, …)`
 * closures cost about 1.5 KB per idle connection (closures, their contexts and a dictionary of
 * listeners) — at 5,000 connections per replica that was most of what we held beyond stock
 * Socket.IO. Events with no handler (not in the contract) are ignored, as before.
 */
export function createClientEvents(ctx: RelayContext): (socket: RelaySocket) => void {
  const handlers = new Map<string, EventHandler>(
    Object.entries({
      ...roomHandlers(ctx),
      message: messageHandler(ctx),
      rename: renameHandler(ctx),
      typing: typingHandler,
      'session:close': sessionCloseHandler(ctx),
      ...changeHandlers(ctx),
      'room:read': readHandler(ctx),
      'room:users': roomUsersHandler(ctx),
    }),
  );
  const end = connectionEndHandlers(ctx);
  // `onAny` runs in Socket.IO's own packet handling, once per event, before (and instead of)
  // named listeners; the ack callback, if any, is the last argument.
  function onAnyEvent(this: RelaySocket, event: unknown, ...args: unknown[]): void {
    if (typeof event === 'string') handlers.get(event)?.(this, args);
  }
  function onDisconnecting(this: RelaySocket, reason: string): void {
    end.disconnecting(this, reason);
  }
  function onDisconnect(this: RelaySocket): void {
    end.disconnect(this);
  }
  return (socket) => {
    socket.onAny(onAnyEvent);
    socket.on('disconnecting', onDisconnecting);
    socket.on('disconnect', onDisconnect);
  };
}
