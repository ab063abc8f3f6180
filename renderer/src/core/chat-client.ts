import type { HandshakeAuth, Message, SessionEvent, User } from '../../../shared/protocol-types.js';
import { checkName, checkRoom, checkText } from '../../../shared/text-rules.js';
import { newClientId } from './client-id.js';
import { fail, ok, RETRYABLE_CODES, type Result } from './client-result.js';
import { ConnectionStatusTracker, type ConnectionStatus } from './connection-status.js';
import { Emitter } from './emitter.js';
import { loadOlderPage, type FetchOlder } from './http-history.js';
import { IdentityStore } from './identity-store.js';
import { readJson, writeJson, type KeyValueStorage } from './key-value-storage.js';
import { Outbox, type OutboxEntry } from './outbox.js';
import { OutboxSender } from './outbox-sender.js';
import { createRequester, type Requester } from './relay-request.js';
import type { RelaySocket } from './relay-socket.js';
import { RoomState } from './room-state.js';
import { RoomSync } from './room-sync.js';
import { attachRelayEvents } from './relay-events.js';
import { STORAGE_KEYS } from './storage-keys.js';

export type { ConnectionStatus };

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

export interface ChatClientOptions {
  storage: KeyValueStorage;
  /** Creates the one socket (not connected yet); `auth` is read at every (re)connect. */
  createSocket: (auth: () => HandshakeAuth) => RelaySocket;
  /** Older history on demand; without it, only what the socket delivers is shown. */
  fetchOlder?: FetchOlder;
  requestTimeoutMs?: number;
  typingThrottleMs?: number;
}

export const LOBBY = 'lobby';

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string' && checkRoom(v).ok);
}

/**
 * The framework-free chat client: one socket, the identity, the outbox and, per joined room, the
 * resumable message log. Views subscribe to `events` and read state through the accessors.
 */
export class ChatClient {
  readonly events = new Emitter<ChatClientEvents>();
  readonly identity: IdentityStore;
  readonly outbox: Outbox;
  readonly socket: RelaySocket;
  private readonly storage: KeyValueStorage;
  private readonly roomStates = new Map<string, RoomState>();
  private readonly typingThrottleMs: number;
  private readonly connection = new ConnectionStatusTracker((status) => this.events.emit('status', status));
  private meValue: User | undefined;
  private closing = false;
  private started = false;
  private activeRoom = LOBBY;
  private visible = true;
  private readonly request: Requester;
  private readonly roomSync: RoomSync;
  private readonly sender: OutboxSender;
  private readonly fetchOlder: FetchOlder | undefined;
  private readonly lastTypingSent = new Map<string, number>();

  constructor(options: ChatClientOptions) {
    this.storage = options.storage;
    this.typingThrottleMs = options.typingThrottleMs ?? 2000;
    this.fetchOlder = options.fetchOlder;
    this.identity = new IdentityStore(options.storage);
    this.outbox = new Outbox(options.storage);
    this.meValue = this.identity.user;
    const saved = readJson(options.storage, STORAGE_KEYS.rooms, isStringList) ?? [];
    // Rooms with unsent messages count as joined too, so nothing in the outbox is stranded.
    const withPending = this.outbox.list().map((e) => e.room).filter((room) => checkRoom(room).ok);
    for (const room of [LOBBY, ...saved, ...withPending]) if (!this.roomStates.has(room)) this.roomStates.set(room, new RoomState(room));
    this.socket = options.createSocket(() => this.identity.handshakeAuth());
    this.request = createRequester(this.socket, options.requestTimeoutMs ?? 10_000);
    const room = (name: string) => this.roomStates.get(name);
    const changed = (name: string) => this.events.emit('room', name);
    this.roomSync = new RoomSync({
      request: this.request,
      room,
      changed,
      connected: () => this.socket.connected,
      synced: () => void this.sender.flush(),
    });
    this.sender = new OutboxSender({
      outbox: this.outbox,
      request: this.request,
      room,
      changed,
      canSend: () => this.socket.connected && this.connection.status === 'online',
      resync: (name) => void this.roomSync.sync(name),
    });
    attachRelayEvents(this, this.socket);
  }

  // ---- state for views ----
  get status(): ConnectionStatus {
    return this.connection.status;
  }
  get me(): User | undefined {
    return this.meValue;
  }
  get rooms(): string[] {
    return [...this.roomStates.keys()];
  }
  room(name: string): RoomState | undefined {
    return this.roomStates.get(name);
  }
  pending(room: string): OutboxEntry[] {
    return this.outbox.forRoom(room);
  }
  get totalUnread(): number {
    let total = 0;
    for (const state of this.roomStates.values()) total += state.unread;
    return total;
  }

  // ---- lifecycle ----
  start(): void {
    if (this.started) return;
    this.started = true;
    this.closing = false;
    this.connection.starting();
    if (this.connection.networkOnline) this.socket.connect();
  }

  stop(): void {
    this.started = false;
    this.sender.stop();
    this.socket.disconnect();
  }

  /** Ends the session on purpose (tab or app closed): others see "left" at once, not after a grace period. */
  closeSession(): void {
    this.closing = true;
    if (this.socket.connected) this.socket.emit('session:close', {}, () => undefined);
  }

  /** The page is shown again (back/forward cache) after `closeSession`: come back. */
  resume(): void {
    this.closing = false;
    if (this.started && this.connection.networkOnline && !this.socket.connected) this.socket.connect();
  }

  /**
   * The browser's online/offline signal. A dead network often leaves a WebSocket looking open for
   * a long time, so we drop it ourselves and reconnect when the network is back.
   */
  setNetworkOnline(online: boolean): void {
    if (online === this.connection.networkOnline) return;
    // Status first, so the disconnect below reads as "offline", not as a lost connection.
    this.connection.networkChanged(online);
    if (!this.started) return;
    if (online) this.socket.connect();
    else this.socket.disconnect();
  }

  setActiveRoom(room: string): void {
    this.activeRoom = room;
    this.clearUnreadIfSeen();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.clearUnreadIfSeen();
  }

  // ---- user actions ----
  async joinRoom(raw: string): Promise<Result<string>> {
    const checked = checkRoom(raw.trim().toLowerCase());
    if (!checked.ok) return fail(checked.code);
    const room = checked.value;
    if (this.roomStates.has(room)) return ok(room);
    this.roomStates.set(room, new RoomState(room));
    this.saveRooms();
    if (!this.socket.connected) return ok(room);
    const error = await this.roomSync.sync(room);
    if (error && !RETRYABLE_CODES.has(error.code)) {
      this.roomStates.delete(room);
      this.saveRooms();
      return { ok: false, error };
    }
    return ok(room);
  }

  async leaveRoom(room: string): Promise<Result> {
    if (room === LOBBY) return fail('lobby');
    if (!this.roomStates.delete(room)) return ok(undefined);
    this.outbox.removeRoom(room);
    this.saveRooms();
    if (this.socket.connected) await this.request('room:leave', { room });
    return ok(undefined);
  }

  send(room: string, text: string): Result<OutboxEntry> {
    const checked = checkText(text);
    if (!checked.ok) return fail(checked.code);
    if (!this.roomStates.has(room)) return fail('not_in_room');
    const entry = this.outbox.add({ clientId: newClientId(), room, text: checked.value, createdAt: new Date().toISOString() });
    this.events.emit('room', room);
    void this.sender.flush();
    return ok(entry);
  }

  /** Loads the page of history before the oldest message held; resolves with how many were added. */
  async loadOlder(room: string): Promise<Result<number>> {
    const state = this.roomStates.get(room);
    if (!state || !this.fetchOlder) return ok(0);
    const result = await loadOlderPage(state, this.fetchOlder);
    if (result.ok && result.value > 0) this.events.emit('room', room);
    return result;
  }

  retry(clientId: string): void {
    const entry = this.outbox.get(clientId);
    if (!entry) return;
    this.outbox.update(clientId, { state: 'sending', error: undefined });
    this.sender.resetBackoff();
    this.events.emit('room', entry.room);
    void this.sender.flush();
  }

  discard(clientId: string): void {
    const entry = this.outbox.get(clientId);
    if (entry && this.outbox.remove(clientId)) this.events.emit('room', entry.room);
  }

  async rename(raw: string): Promise<Result<User>> {
    const checked = checkName(raw);
    if (!checked.ok) return fail(checked.code);
    if (!this.socket.connected) return fail('offline');
    const res = await this.request('rename', { name: checked.value });
    if (!res.ok) return { ok: false, error: res.error };
    this.applyOwnUser(res.user);
    return ok(res.user);
  }

  notifyTyping(room: string): void {
    const now = Date.now();
    if (!this.socket.connected || !this.roomStates.get(room)?.synced) return;
    if (now - (this.lastTypingSent.get(room) ?? 0) < this.typingThrottleMs) return;
    this.lastTypingSent.set(room, now);
    this.socket.emit('typing', { room });
  }

  // ---- called by relay-events.ts ----
  /** @internal */
  onSession(session: SessionEvent): void {
    this.identity.remember(session);
    this.closing = false;
    this.applyOwnUser(session.user);
    this.connection.sessionStarted();
    for (const state of this.roomStates.values()) state.synced = false;
    // Resume every room; each synced room lets the outbox send what waited for it.
    for (const room of this.rooms) void this.roomSync.sync(room);
  }

  /** @internal */
  onDisconnect(serverClosed: boolean): void {
    for (const state of this.roomStates.values()) {
      state.synced = false;
      if (state.typing.size > 0) {
        state.typing.clear();
        this.events.emit('room', state.name);
      }
    }
    this.connection.disconnected();
    // socket.io does not reconnect after a server-side disconnect; we do unless we asked for it.
    if (serverClosed && !this.closing && this.started) setTimeout(() => this.socket.connect(), 500 + Math.random() * 1500);
  }

  /** @internal */
  onConnectError(): void {
    this.connection.connectFailed();
  }

  /** @internal */
  onDraining(): void {
    this.connection.drainingStarted();
  }

  /** @internal */
  onLiveMessage(message: Message): void {
    const state = this.roomStates.get(message.room);
    if (!state) return;
    const own = message.user.id === this.meValue?.id;
    // Our own message's live echo can beat its ack: it is delivered either way.
    const delivered = own && this.outbox.remove(message.clientId);
    state.typing.delete(message.user.id);
    const outcome = state.log.addLive(message);
    if (outcome === 'gap' || outcome === 'conflict') void this.roomSync.sync(message.room);
    if (outcome === 'added' || outcome === 'gap') {
      if (!own) {
        if (message.room !== this.activeRoom || !this.visible) {
          state.unread++;
          this.events.emit('rooms');
        }
        this.events.emit('incoming', message);
      }
      this.events.emit('room', message.room);
    } else if (delivered) {
      this.events.emit('room', message.room);
    }
  }

  /** @internal */
  applyOwnUser(user: User): void {
    if (this.meValue && this.meValue.id === user.id && this.meValue.name === user.name) return;
    this.meValue = user;
    this.identity.rename(user);
    this.events.emit('me', user);
  }

  /** @internal */
  emitRoom(room: string): void {
    this.events.emit('room', room);
  }

  // ---- internals ----
  private clearUnreadIfSeen(): void {
    const state = this.roomStates.get(this.activeRoom);
    if (this.visible && state && state.unread > 0) {
      state.unread = 0;
      this.events.emit('rooms');
    }
  }

  private saveRooms(): void {
    writeJson(this.storage, STORAGE_KEYS.rooms, this.rooms.filter((r) => r !== LOBBY));
    this.events.emit('rooms');
  }
}
