import type { SessionEvent, User } from '../../../shared/protocol-types.js';
import { ConnectionStatusTracker, type ConnectionStatus } from './connection-status.js';
import type { IdentityStore } from './identity-store.js';
import type { RelaySocket } from './relay-socket.js';

export interface SessionDeps {
  socket: RelaySocket;
  identity: IdentityStore;
  statusChanged(status: ConnectionStatus): void;
  /** Our own user changed (session start, rename). */
  meChanged(user: User): void;
}

/**
 * This client's session with the relay: when the one socket connects and reconnects, which status
 * the user sees, and who we are. The chat client feeds it the socket's lifecycle events.
 */
export class Session {
  private readonly connection: ConnectionStatusTracker;
  private meValue: User | undefined;
  private started = false;
  /** The session was ended on purpose: a server-side disconnect is not a reason to come back. */
  private closing = false;

  constructor(private readonly deps: SessionDeps) {
    this.connection = new ConnectionStatusTracker(deps.statusChanged);
    this.meValue = deps.identity.user;
  }

  get status(): ConnectionStatus {
    return this.connection.status;
  }

  get me(): User | undefined {
    return this.meValue;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.closing = false;
    this.connection.starting();
    if (this.connection.networkOnline) this.deps.socket.connect();
  }

  stop(): void {
    this.started = false;
    this.deps.socket.disconnect();
  }

  /** Ends the session on purpose (tab or app closed): others see "left" at once, not after a grace period. */
  close(): void {
    this.closing = true;
    if (this.deps.socket.connected) this.deps.socket.emit('session:close', {}, () => undefined);
  }

  /** The page is shown again (back/forward cache) after `close`: come back. */
  resume(): void {
    this.closing = false;
    if (this.started && this.connection.networkOnline && !this.deps.socket.connected) this.deps.socket.connect();
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
    if (online) this.deps.socket.connect();
    else this.deps.socket.disconnect();
  }

  /** The relay greeted us (`session`): remember the token, and we are online. */
  began(session: SessionEvent): void {
    this.deps.identity.remember(session);
    this.closing = false;
    this.applyUser(session.user);
    this.connection.sessionStarted();
  }

  ended(serverClosed: boolean): void {
    this.connection.disconnected();
    // socket.io does not reconnect after a server-side disconnect; we do unless we asked for it.
    if (serverClosed && !this.closing && this.started) setTimeout(() => this.deps.socket.connect(), 500 + Math.random() * 1500);
  }

  connectFailed(): void {
    this.connection.connectFailed();
  }

  /** The relay announced it is shutting down; its connection closes next. */
  draining(): void {
    this.connection.drainingStarted();
  }

  /** Our own user as the relay now knows it (session start, rename ack, rename from another device). */
  applyUser(user: User): void {
    if (this.meValue && this.meValue.id === user.id && this.meValue.name === user.name) return;
    this.meValue = user;
    this.deps.identity.rename(user);
    this.deps.meChanged(user);
  }
}
