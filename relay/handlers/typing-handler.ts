import { parsePayload, typingSchema } from '../../shared/index.js';
import type { EventHandler } from './event-handler.js';

/** Typing signals are fire-and-forget; at most one per room per second per connection is relayed. */
const MIN_INTERVAL_MS = 1000;

export const typingHandler: EventHandler = (socket, [payload]) => {
  const parsed = parsePayload(typingSchema, payload);
  if (!parsed.ok || !socket.rooms.has(parsed.value.room)) return;
  const { room } = parsed.value;
  const now = Date.now();
  const last = (socket.data.lastTypingAt ??= new Map());
  if (now - (last.get(room) ?? 0) < MIN_INTERVAL_MS) return;
  last.set(room, now);
  socket.to(room).emit('typing', { room, user: socket.data.user });
};
