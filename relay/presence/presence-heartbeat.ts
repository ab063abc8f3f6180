import type { LeaveReason } from '../../shared/index.js';
import type { PresenceStore, PresenceTransition } from '../store/presence-store.js';
import type { PresenceTracker } from './presence-tracker.js';

export interface PresenceHeartbeatDeps {
  store: PresenceStore;
  tracker: PresenceTracker;
  intervalMs: number;
  announce(flips: PresenceTransition[], leaveReason: LeaveReason): Promise<void>;
  onReaped(count: number): void;
  onError(error: unknown): void;
}

/**
 * Keeps this replica registered as alive, re-asserts its presence when the store forgot it
 * (Redis restarted or a long partition got it reaped), and reaps replicas that died without
 * cleanup so their users leave with reason `timeout`.
 */
export class PresenceHeartbeat {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly deps: PresenceHeartbeatDeps) {}

  start(): void {
    this.timer = setInterval(() => void this.beat(), this.deps.intervalMs);
    void this.beat();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One beat; overlapping beats (a slow Redis) are skipped rather than piled up. */
  beat(): Promise<void> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<void> {
    await this.keepRegistered();
    // Reaping does not wait for this replica's own beat to go through: a replica whose resync
    // keeps failing must not stop the others' dead from leaving.
    await this.reapDead();
  }

  private async keepRegistered(): Promise<void> {
    const { store, tracker } = this.deps;
    try {
      const forgotten = await store.heartbeat();
      if (forgotten || tracker.needsResync) {
        tracker.needsResync = false;
        await this.deps.announce(await store.resync(tracker.held()), 'disconnected');
      }
    } catch (error) {
      tracker.needsResync = true;
      this.deps.onError(error);
    }
  }

  private async reapDead(): Promise<void> {
    try {
      const reaped = await this.deps.store.reapDead();
      if (reaped.length > 0) {
        this.deps.onReaped(reaped.length);
        await this.deps.announce(reaped, 'timeout');
      }
    } catch (error) {
      this.deps.onError(error);
    }
  }
}
