import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, RoomJoinResult, ServerToClientEvents, SessionEvent } from '../../shared/index.js';
import { RECONNECT_BACKOFF } from '../../shared/reconnect-backoff.js';
import { LOBBY } from '../../shared/rooms.js';
import { SoakOutbox } from '../soak/soak-outbox.js';
import type { SoakTally } from '../soak/soak-tally.js';
import type { StormLedger } from './storm-ledger.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const JOIN_TIMEOUT_MS = 10_000;
const RETRY_MS = 1000;

/**
 * One storm user, reconnecting exactly as the product client does (shared/reconnect-backoff.ts,
 * token resume) and, after each session, rejoining its rooms as the product does: the lobby with
 * `since`, and for a sender the storm's room, whose outbox resends unacked messages with the same
 * clientId once it is back (bench/soak/soak-outbox.ts).
 */
export class StormClient {
  readonly socket: ClientSocket;
  private token: string | undefined;
  /** The replica of the current session; undefined while it has none. */
  replica: string | undefined;
  /** performance.now() of the latest session. */
  sessionAt = 0;
  connectErrors = 0;
  private readonly since = new Map<string, number>();
  private readonly rooms: string[];
  private readonly outbox: SoakOutbox | undefined;
  private inRooms = false;
  private sent = 0;
  private onFirstSession: (() => void) | undefined;

  constructor(
    url: string,
    private readonly index: number,
    /** The senders' room, or undefined for a client that only sits in the lobby. */
    private readonly sendRoom: string | undefined,
    ledger: StormLedger,
    tally: SoakTally,
  ) {
    this.socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      autoConnect: false,
      reconnection: true,
      ...RECONNECT_BACKOFF,
      auth: (cb) => cb(this.token ? { token: this.token } : { name: `storm ${index}` }),
    });
    this.rooms = sendRoom ? [LOBBY, sendRoom] : [LOBBY];
    this.outbox = sendRoom ? new SoakOutbox(this.socket, () => this.inRooms && this.socket.connected, ledger, tally) : undefined;
    this.socket.on('session', (session) => this.onSession(session));
    this.socket.on('disconnect', () => {
      this.replica = undefined;
      this.inRooms = false;
    });
    this.socket.on('connect_error', () => void (this.connectErrors += 1));
  }

  /** Connects; resolves at the first session (rejects after `timeoutMs`). */
  start(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`storm client ${this.index}: no session within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
      this.onFirstSession = () => {
        clearTimeout(timer);
        resolve();
      };
      this.socket.connect();
    });
  }

  /** Queues one message; the outbox sends it when it can, and again until acked. */
  send(): void {
    if (!this.outbox || !this.sendRoom) return;
    this.sent += 1;
    this.outbox.push({ room: this.sendRoom, text: `storm ${this.index} #${this.sent}`, clientId: `storm-${this.index}-${this.sent}` });
  }

  get unacked(): number {
    return this.outbox?.size ?? 0;
  }

  get hasSession(): boolean {
    return this.replica !== undefined && this.socket.connected;
  }

  close(): void {
    this.socket.disconnect();
  }

  private onSession(session: SessionEvent): void {
    this.token = session.token;
    this.replica = session.replica;
    this.sessionAt = performance.now();
    this.onFirstSession?.();
    this.onFirstSession = undefined;
    void this.rejoin();
  }

  private async rejoin(): Promise<void> {
    const socket = this.socket;
    for (const room of this.rooms) {
      while (socket.connected) {
        const since = this.since.get(room);
        const answer = (await socket
          .timeout(JOIN_TIMEOUT_MS)
          .emitWithAck('room:join', since === undefined ? { room } : { room, since })
          .catch(() => undefined)) as Ack<RoomJoinResult> | undefined;
        if (answer?.ok) {
          this.since.set(room, answer.lastSeq);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
    if (!socket.connected) return;
    this.inRooms = true;
    void this.outbox?.flush();
  }
}
