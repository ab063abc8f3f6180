import type { ChatClient } from './chat-client.js';
import type { RelaySocket } from './relay-socket.js';
import { TYPING_VISIBLE_MS } from './room-state.js';

/**
 * Feeds what the relay pushes into the client. The only place that calls `socket.on`, so the
 * mapping from wire events to client state can be read in one screen.
 */
export function attachRelayEvents(client: ChatClient, socket: RelaySocket): void {
  socket.on('session', (session) => client.onSession(session));
  socket.on('disconnect', (reason) => client.onDisconnect(reason === 'io server disconnect'));
  socket.on('connect_error', () => client.onConnectError());
  socket.on('relay:draining', () => client.onDraining());
  socket.on('message', (message) => client.onLiveMessage(message));

  socket.on('user:joined', ({ room, user }) => {
    const state = client.room(room);
    if (!state || user.id === client.me?.id) return;
    // Already listed (a second device, or a reconnect race): update the name, no notice.
    if (!state.users.has(user.id)) state.addNotice('joined', user, new Date());
    state.users.set(user.id, user);
    client.emitRoom(room);
  });

  socket.on('user:left', ({ room, user, reason }) => {
    const state = client.room(room);
    if (!state || user.id === client.me?.id) return;
    state.users.delete(user.id);
    state.typing.delete(user.id);
    state.addNotice(reason === 'left' || reason === 'closed' ? 'left' : 'lost', user, new Date());
    client.emitRoom(room);
  });

  socket.on('user:renamed', ({ user, previousName }) => {
    const isMe = user.id === client.me?.id;
    if (isMe) client.applyOwnUser(user);
    for (const name of client.rooms) {
      const state = client.room(name);
      if (!state || (!isMe && !state.users.has(user.id))) continue;
      state.users.set(user.id, user);
      state.addNotice('renamed', user, new Date(), previousName);
      client.emitRoom(name);
    }
  });

  socket.on('typing', ({ room, user }) => {
    const state = client.room(room);
    if (!state || user.id === client.me?.id) return;
    state.typing.set(user.id, { user, until: Date.now() + TYPING_VISIBLE_MS });
    client.emitRoom(room);
    // Re-render once the hint has expired (the view filters by time).
    setTimeout(() => client.emitRoom(room), TYPING_VISIBLE_MS + 50);
  });
}
