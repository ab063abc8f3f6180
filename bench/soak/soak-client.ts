import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, Message, RoomJoinResult, ServerToClientEvents, SessionEvent } from '../../shared/index.js';
import { LOBBY } from '../../shared/rooms.js';
import { RoomCursor, type Arrival } from './room-cursor.js';
import type { MemberPosition, SoakLedger } from './soak-ledger.js';
import { exponential, uniform, type SoakMix } from './soak-mix.js';
import { SoakOutbox } from './soak-outbox.js';
import type { SoakTally } from './soak-tally.js';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const JOIN_TIMEOUT_MS = 10_000;
const RETRY_MS = 1000;
/** The web client's typing throttle (renderer/src/core/chat-client.ts). */
const TYPING_EVERY_MS = 2000;

export interface SoakClientOptions {
  /** The load balancer. */
  url: string;
  index: number;
  /** The lobby first, then the client's chat rooms. */
  rooms: string[];
  mix: SoakMix;
  /** This client's own random stream. */
  random: () => number;
  ledger: SoakLedger;
  tally: SoakTally;
}

/**
 * One soak user, following the contract the way a real client must to lose nothing: it resumes
 * its identity with the token and each room with `room:join { since }` (the highest seq up to which
 * it holds everything), fills gaps, and sends through an outbox that retries until acked
 * (soak-outbox.ts). Between `startChatting` and `stopChatting` it types, sends and now and then
 * loses its connection, as the mix says.
 */
export class SoakClient {
  private readonly socket: ClientSocket;
  private token: string | undefined;
  private userId: string | undefined;
  private readonly cursors = new Map<string, RoomCursor>();
  private readonly resuming = new Map<string, { again: boolean; done: Promise<void> }>();
  private readonly outbox: SoakOutbox;
  /** Session and every room resumed on the current connection: it may send. */
  private ready = false;
  private session = 0;
  private away = false;
  private typed = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private whenReady: (() => void) | undefined;

  constructor(private readonly options: SoakClientOptions) {
    const { tally } = options;
    this.socket = io(options.url, {
      transports: ['websocket'],
      forceNew: true,
      autoConnect: false,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 5000,
      // Runs on every (re)connect, so a reconnect carries the token and resumes the same user.
      auth: (cb) => cb(this.token ? { token: this.token } : { name: `soak ${options.index}` }),
    });
    this.socket.on('session', (session) => this.onSession(session));
    this.socket.on('message', (message) => this.onLive(message));
    this.socket.on('typing', () => void (tally.typingReceived += 1));
    this.socket.on('user:joined', () => void (tally.presenceEvents += 1));
    this.socket.on('user:left', () => void (tally.presenceEvents += 1));
    this.socket.on('disconnect', () => void (this.ready = false));
    this.outbox = new SoakOutbox(this.socket, () => this.ready && this.socket.connected, options.ledger, tally);
  }

  get index(): number {
    return this.options.index;
  }

  /** Connects and resolves once it is in every room (rejects after `timeoutMs`). */
  start(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not in its rooms within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
      this.whenReady = () => {
        clearTimeout(timer);
        resolve();
      };
      this.socket.connect();
    });
  }

  startChatting(): void {
    const { mix, random } = this.options;
    const meanGapMs = uniform(random, mix.sendEverySeconds) * 1000;
    const type = () => this.later(exponential(random, meanGapMs), () => (this.compose(), type()));
    const drop = () => this.later(exponential(random, mix.dropEveryMinutes * 60_000), () => (this.drop(), drop()));
    type();
    drop();
  }

  /** No more typing or dropping; an away user comes back now. Its outbox is still sent. */
  stopChatting(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.away) this.comeBack();
  }

  /** Back, in its rooms, nothing unsent, no gap: all it can do now is wait for live messages. */
  get settled(): boolean {
    return this.ready && this.socket.connected && this.outbox.size === 0 && this.resuming.size === 0 && ![...this.cursors.values()].some((c) => c.hasGap);
  }

  get unacked(): number {
    return this.outbox.size;
  }

  /** Where it stands in each room it ever joined. */
  positions(): MemberPosition[] {
    return [...this.cursors].map(([room, cursor]) => ({ room, base: cursor.base, held: cursor.held }));
  }

  close(): void {
    this.stopChatting();
    this.socket.disconnect();
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private onSession(session: SessionEvent): void {
    const { tally } = this.options;
    this.session += 1;
    if (this.userId !== undefined) {
      if (session.resumed) tally.resumedSessions += 1;
      if (session.user.id !== this.userId) tally.identityChanges += 1;
    }
    this.token = session.token;
    this.userId = session.user.id;
    this.ready = false;
    void this.resumeAll(this.session);
  }

  private async resumeAll(session: number): Promise<void> {
    // The relay answers a connection's joins one at a time; asking for all at once just queues them.
    await Promise.all(this.options.rooms.map((room) => this.resume(room)));
    if (session !== this.session || !this.socket.connected || this.options.rooms.some((room) => !this.cursors.has(room))) return;
    this.ready = true;
    this.whenReady?.();
    this.whenReady = undefined;
    void this.outbox.flush();
  }

  /** Joins `room`, or resumes it from what this client holds; repeats while that makes progress. */
  private resume(room: string): Promise<void> {
    const running = this.resuming.get(room);
    if (running) {
      running.again = true;
      return running.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      try {
        do {
          state.again = false;
          state.again = (await this.joinOnce(room)) || state.again;
        } while (state.again && this.socket.connected);
      } finally {
        this.resuming.delete(room);
      }
    })();
    this.resuming.set(room, state);
    return state.done;
  }

  /** One `room:join`; true when it should be asked again (refused, or a page of a longer backlog). */
  private async joinOnce(room: string): Promise<boolean> {
    const { ledger, tally } = this.options;
    await Promise.resolve(); // so resume() has registered itself before this can finish
    if (!this.socket.connected) return false;
    const cursor = this.cursors.get(room);
    // socket.io-client types the answer of a timeout() emit as the error: the cast says what comes.
    const answer = (await this.socket
      .timeout(JOIN_TIMEOUT_MS)
      .emitWithAck('room:join', cursor ? { room, since: cursor.held } : { room })
      .catch(() => undefined)) as Ack<RoomJoinResult> | undefined;
    if (!answer?.ok) {
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      return true;
    }
    for (const m of answer.messages) ledger.onMessage(room, m.user.id, m.clientId, m.seq);
    if (!cursor) {
      // The first join: what is already there is history, not owed to this member.
      this.cursors.set(room, new RoomCursor(answer.lastSeq, answer.epoch));
      return false;
    }
    if (answer.epoch !== cursor.epoch) {
      tally.epochChanges += 1;
      cursor.epoch = answer.epoch;
    }
    const fresh = answer.messages.filter((m) => cursor.arrive(m.seq) === 'new').length;
    tally.recoveredOnResume += fresh;
    // More than one page behind: ask again, as long as the answers make progress.
    return fresh > 0 && cursor.held < answer.lastSeq;
  }

  private onLive(message: Message): void {
    const { ledger, tally } = this.options;
    tally.deliveries += 1;
    ledger.onMessage(message.room, message.user.id, message.clientId, message.seq);
    const cursor = this.cursors.get(message.room);
    if (!cursor) return; // before its first join answer: history, not owed
    const arrival: Arrival = cursor.arrive(message.seq);
    if (arrival === 'known') tally.duplicateDeliveries += 1;
    else if (arrival === 'gap') {
      if (!this.resuming.has(message.room)) tally.gapResumes += 1;
      void this.resume(message.room);
    }
  }

  private compose(): void {
    if (this.away) return; // an away user types nothing
    const { mix, random, rooms, index, tally } = this.options;
    const room = random() < mix.lobbyShare ? LOBBY : rooms[1 + Math.floor(random() * (rooms.length - 1))]!;
    const n = ++this.typed;
    const message = { room, clientId: `s${index}-${n}`, text: `soak message ${n} from client ${index}, a typical short chat line` };
    if (random() >= mix.typingShare) return this.outbox.push(message);
    const typingMs = uniform(random, mix.typingSeconds) * 1000;
    const signal = () => {
      // Never buffered while offline: socket.io-client would send a stale signal on reconnect.
      if (!this.ready || !this.socket.connected) return;
      this.socket.emit('typing', { room });
      tally.typingSent += 1;
    };
    signal();
    for (let t = TYPING_EVERY_MS; t < typingMs; t += TYPING_EVERY_MS) this.later(t, signal);
    this.later(typingMs, () => this.outbox.push(message));
  }

  private drop(): void {
    const { mix, random, tally } = this.options;
    if (this.away || !this.socket.connected) return;
    if (random() < mix.awayShare) {
      tally.aways += 1;
      this.away = true;
      this.socket.disconnect();
      this.later(uniform(random, mix.awaySeconds) * 1000, () => this.comeBack());
    } else {
      tally.blips += 1;
      // A transport close, as a lost network looks: the client library reconnects by itself.
      this.socket.io.engine.close();
    }
  }

  private comeBack(): void {
    this.away = false;
    this.socket.connect();
  }
}
