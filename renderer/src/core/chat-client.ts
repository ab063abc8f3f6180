import type { HandshakeAuth, Message, User } from '../../../shared/protocol-types.js';
import { checkName } from '../../../shared/text-rules.js';
import type { ChatClientEvents } from './client-events.js';
import { fail, ok, type Result } from './client-result.js';
import type { ConnectionStatus } from './connection-status.js';
import { Emitter } from './emitter.js';
import { loadOlderPage, type FetchOlder } from './http-history.js';
import { IdentityStore } from './identity-store.js';
import type { KeyValueStorage } from './key-value-storage.js';
import { Outbox, type OutboxEntry } from './outbox.js';
import { OutboxSender } from './outbox-sender.js';
import { ReadPositions } from './read-positions.js';
import { createRequester, type Requester } from './relay-request.js';
import type { RelaySocket } from './relay-socket.js';
import { RoomChanges, type MessageExtras } from './room-changes.js';
import { RoomMembership } from './room-membership.js';
import { reducePresence, TYPING_VISIBLE_MS, type PresenceContext, type PresenceEvent } from './room-presence.js';
import type { RoomState } from './room-state.js';
import { RoomSync } from './room-sync.js';
import { RoomUserLists } from './room-user-lists.js';
import { Session } from './session.js';
import { UnreadTracker } from './unread-tracker.js';

export interface ChatClientOptions {
  storage: KeyValueStorage;
  /** Creates the one socket (not connected yet); `auth` is read at every (re)connect. */
  createSocket: (auth: () => HandshakeAuth) => RelaySocket;
  /** Older history on demand; without it, only what the socket delivers is shown. */
  fetchOlder?: FetchOlder;
  requestTimeoutMs?: number;
  typingThrottleMs?: number;
}

/**
 * The framework-free chat client: one socket, the session, the outbox and, per joined room, the
 * resumable message log. Views subscribe to `events` and read state through the accessors.
 *
 * Relay events flow one way: this class owns the socket, listens to it (the only `socket.on` of
 * the core), and applies what the session, the room log and the presence reducer make of each
 * event. Nothing it owns calls back into it.
 */
export class ChatClient {
  readonly events = new Emitter<ChatClientEvents>();
  readonly identity: IdentityStore;
  readonly outbox: Outbox;
  /** Edits, deletes, reactions and topics (v1.1), sent through the outbox like messages. */
  readonly changes: RoomChanges;
  /** Each room's online list: paged and searchable in a large room (v1.1). */
  readonly userLists: RoomUserLists;
  private readonly reads: ReadPositions;
  private readonly socket: RelaySocket;
  private readonly session: Session;
  private readonly membership: RoomMembership;
  private readonly unread: UnreadTracker;
  private readonly request: Requester;
  private readonly roomSync: RoomSync;
  private readonly sender: OutboxSender;
  private readonly fetchOlder: FetchOlder | undefined;
  private readonly typingThrottleMs: number;
  private readonly lastTypingSent = new Map<string, number>();
  private readonly presenceContext = (): PresenceContext => ({ myId: this.session.me?.id, now: Date.now() });

  constructor(options: ChatClientOptions) {
    this.typingThrottleMs = options.typingThrottleMs ?? 2000;
    this.fetchOlder = options.fetchOlder;
    this.identity = new IdentityStore(options.storage);
    this.outbox = new Outbox(options.storage);
    this.socket = options.createSocket(() => this.identity.handshakeAuth());
    this.request = createRequester(this.socket, options.requestTimeoutMs ?? 10_000);
    this.session = new Session({
      socket: this.socket,
      identity: this.identity,
      statusChanged: (status) => this.events.emit('status', status),
      meChanged: (user) => this.events.emit('me', user),
    });
    const connected = () => this.socket.connected;
    const roomChanged = (name: string) => this.events.emit('room', name);
    const roomsChanged = () => this.events.emit('rooms');
    this.membership = new RoomMembership({
      storage: options.storage,
      outbox: this.outbox,
      request: this.request,
      connected,
      sync: (name) => this.roomSync.sync(name),
      changed: roomsChanged,
    });
    this.unread = new UnreadTracker(this.membership, roomsChanged);
    const room = (name: string) => this.membership.get(name);
    this.reads = new ReadPositions({ request: this.request, room, unread: this.unread, myId: () => this.session.me?.id });
    this.roomSync = new RoomSync({
      request: this.request,
      room,
      changed: roomChanged,
      connected,
      joined: (state, res) => this.unread.joined(state, res.readSeq, res.unread),
      synced: (name) => {
        this.reads.synced(name);
        void this.sender.flush();
      },
    });
    this.sender = new OutboxSender({
      outbox: this.outbox,
      request: this.request,
      room,
      changed: roomChanged,
      canSend: () => this.socket.connected && this.session.status === 'online',
      resync: (name) => void this.roomSync.sync(name),
    });
    this.changes = new RoomChanges({
      outbox: this.outbox,
      joined: (name) => this.membership.get(name) !== undefined,
      queued: (name) => {
        this.events.emit('room', name);
        void this.sender.flush();
      },
    });
    this.userLists = new RoomUserLists({ request: this.request, presence: (name) => this.membership.get(name)?.presence });
    this.listen();
  }

  // ---- state for views ----
  get status(): ConnectionStatus {
    return this.session.status;
  }
  get me(): User | undefined {
    return this.session.me;
  }
  get rooms(): string[] {
    return this.membership.names;
  }
  room(name: string): RoomState | undefined {
    return this.membership.get(name);
  }
  /** Messages not acknowledged yet (changes waiting in the outbox are in `outbox.forRoom`). */
  pending(room: string): OutboxEntry[] {
    return this.outbox.forRoom(room).filter((e) => (e.kind ?? 'text') === 'text');
  }
  get totalUnread(): number {
    return this.unread.total;
  }

  // ---- lifecycle ----
  start(): void {
    this.session.start();
  }

  stop(): void {
    this.session.stop();
    this.sender.stop();
  }

  /** Ends the session on purpose (tab or app closed): others see "left" at once, not after a grace period. */
  closeSession(): void {
    this.session.close();
  }

  /** The page is shown again (back/forward cache) after `closeSession`: come back. */
  resume(): void {
    this.session.resume();
  }

  /** The browser's online/offline signal (see `Session.setNetworkOnline`). */
  setNetworkOnline(online: boolean): void {
    this.session.setNetworkOnline(online);
  }

  setActiveRoom(room: string): void {
    this.unread.setActiveRoom(room);
  }

  setVisible(visible: boolean): void {
    this.unread.setVisible(visible);
  }

  // ---- user actions ----
  joinRoom(raw: string): Promise<Result<string>> {
    return this.membership.join(raw);
  }

  leaveRoom(room: string): Promise<Result> {
    return this.membership.leave(room);
  }

  /** The saved room list was changed by another tab of this user (see platform/cross-tab-rooms). */
  followSavedRooms(): void {
    this.membership.followSaved();
  }

  send(room: string, text: string, extras?: MessageExtras): Result<OutboxEntry> {
    return this.changes.message(room, text, extras);
  }

  /** The user has seen the room up to `seq` (v1.1): recounts its unread and tells the relay and the user's other connections. */
  markSeen(room: string, seq: number): Promise<Result<number>> {
    return this.reads.markSeen(room, seq);
  }

  /** Loads the page of history before the oldest message held; resolves with how many were added. */
  async loadOlder(room: string): Promise<Result<number>> {
    const state = this.membership.get(room);
    if (!state || !this.fetchOlder) return ok(0);
    const result = await loadOlderPage(state, this.fetchOlder);
    if (result.ok && result.value > 0) this.events.emit('room', room);
    return result;
  }

  retry(clientId: string): void {
    this.sender.retry(clientId);
  }

  discard(clientId: string): void {
    this.sender.discard(clientId);
  }

  async rename(raw: string): Promise<Result<User>> {
    const checked = checkName(raw);
    if (!checked.ok) return fail(checked.code);
    if (!this.socket.connected) return fail('offline');
    const res = await this.request('rename', { name: checked.value });
    if (!res.ok) return { ok: false, error: res.error };
    this.session.applyUser(res.user);
    return ok(res.user);
  }

  notifyTyping(room: string): void {
    const now = Date.now();
    if (!this.socket.connected || !this.membership.get(room)?.synced) return;
    if (now - (this.lastTypingSent.get(room) ?? 0) < this.typingThrottleMs) return;
    this.lastTypingSent.set(room, now);
    this.socket.emit('typing', { room });
  }

  // ---- what the relay pushes ----
  private listen(): void {
    const { socket } = this;
    socket.on('session', (session) => {
      this.session.began(session);
      // Resume every room; each synced room lets the outbox send what waited for it.
      for (const state of this.membership.all()) state.synced = false;
      for (const name of this.membership.names) void this.roomSync.sync(name);
    });
    socket.on('disconnect', (reason) => {
      for (const state of this.membership.all()) {
        state.synced = false;
        this.applyPresence(state, { type: 'disconnected' });
      }
      this.session.ended(reason === 'io server disconnect');
    });
    socket.on('connect_error', () => this.session.connectFailed());
    socket.on('relay:draining', () => this.session.draining());
    socket.on('message', (message) => this.receive(message));
    socket.on('room:read', ({ room, readSeq }) => this.reads.readElsewhere(room, readSeq));
    socket.on('user:joined', ({ room, user }) => this.applyPresence(this.membership.get(room), { type: 'joined', user }));
    socket.on('user:left', ({ room, user, reason }) => this.applyPresence(this.membership.get(room), { type: 'left', user, reason }));
    socket.on('room:presence', ({ room, count }) => this.applyPresence(this.membership.get(room), { type: 'count', count }));
    socket.on('user:renamed', ({ user, previousName }) => {
      if (user.id === this.session.me?.id) this.session.applyUser(user);
      for (const state of this.membership.all()) this.applyPresence(state, { type: 'renamed', user, previousName });
    });
    socket.on('typing', ({ room, user }) => {
      // Re-render once the hint has expired (the view filters by time).
      if (this.applyPresence(this.membership.get(room), { type: 'typing', user })) {
        setTimeout(() => this.events.emit('room', room), TYPING_VISIBLE_MS + 50);
      }
    });
  }

  /** Stores what the reducer returns; says (and tells the views) whether anything changed. */
  private applyPresence(state: RoomState | undefined, event: PresenceEvent): boolean {
    if (!state) return false;
    const next = reducePresence(state.presence, event, this.presenceContext());
    if (next === state.presence) return false;
    state.presence = next;
    this.events.emit('room', state.name);
    return true;
  }

  private receive(message: Message): void {
    const state = this.membership.get(message.room);
    if (!state) return;
    const own = message.user.id === this.session.me?.id;
    // Our own message's live echo can beat its ack: it is delivered either way.
    const delivered = own && this.outbox.remove(message.clientId);
    // The author has stopped typing; the hint goes with the next re-render of the room.
    state.presence = reducePresence(state.presence, { type: 'message', user: message.user }, this.presenceContext());
    const outcome = state.log.addLive(message);
    if (outcome === 'gap' || outcome === 'conflict') void this.roomSync.sync(message.room);
    if (outcome === 'added' || outcome === 'gap') {
      if (!own && message.kind === 'text') {
        this.unread.arrived(state);
        this.events.emit('incoming', message);
      }
      this.events.emit('room', message.room);
    } else if (delivered || outcome === 'duplicate') {
      this.events.emit('room', message.room);
    }
  }
}
