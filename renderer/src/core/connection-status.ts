/** What the connection banner shows; `online` means a session is established. */
export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'draining';

/**
 * Turns socket and network signals into the one status the user sees. Kept apart from the
 * client so the rules (offline beats draining beats reconnecting) read in one place.
 */
export class ConnectionStatusTracker {
  private current: ConnectionStatus = 'connecting';
  private everConnected = false;
  private draining = false;
  networkOnline = true;

  constructor(private readonly onChange: (status: ConnectionStatus) => void) {}

  get status(): ConnectionStatus {
    return this.current;
  }

  starting(): void {
    this.set(this.networkOnline ? 'connecting' : 'offline');
  }

  sessionStarted(): void {
    this.everConnected = true;
    this.draining = false;
    this.set('online');
  }

  /** The relay announced it is shutting down; its connection closes next. */
  drainingStarted(): void {
    this.draining = true;
    this.set('draining');
  }

  disconnected(): void {
    this.set(this.whileDisconnected());
  }

  connectFailed(): void {
    // The drained replica is gone for good; from now on this is an ordinary reconnect.
    this.draining = false;
    this.set(this.whileDisconnected());
  }

  networkChanged(online: boolean): void {
    this.networkOnline = online;
    this.set(online ? (this.everConnected ? 'reconnecting' : 'connecting') : 'offline');
  }

  private whileDisconnected(): ConnectionStatus {
    if (!this.networkOnline) return 'offline';
    if (this.draining) return 'draining';
    return this.everConnected ? 'reconnecting' : 'connecting';
  }

  private set(status: ConnectionStatus): void {
    if (status === this.current) return;
    this.current = status;
    this.onChange(status);
  }
}
