import type { ChatClient } from './chat-client.js';
import { HISTORY_PER_ROOM, type CachedRoom, type HistoryCache } from './history-cache.js';
import type { RoomLog } from './room-log.js';

/**
 * Fills the rooms the client holds nothing of yet with their cached history. Run before the
 * socket connects, so the first paint shows the conversation even when the relay is unreachable;
 * the first `room:join` then resumes after the newest cached message (or, on a new epoch, drops
 * it and loads afresh, as after any reconnect).
 */
export async function restoreCachedHistory(client: Pick<ChatClient, 'rooms' | 'room'>, cache: HistoryCache): Promise<void> {
  await Promise.all(
    client.rooms.map(async (name) => {
      const cached = await cache.load(name).catch(() => undefined);
      const log = client.room(name)?.log;
      // Something newer arrived while we read: the relay's answer wins.
      if (!cached || !log || log.epoch !== undefined) return;
      const last = cached.messages.at(-1);
      // Seeded through the same path as a fresh `room:join` answer, so `held` means what it always
      // means. Read position, unread count and topic are the relay's to tell: the first real
      // join answer brings them.
      log.applyJoin(
        { room: name, epoch: cached.epoch, users: [], messages: cached.messages, lastSeq: last?.seq ?? 0, truncated: cached.hasOlder, readSeq: last?.seq ?? 0, unread: 0, topic: '', userCount: 0 },
        undefined,
      );
    }),
  );
}

/** What is worth keeping of a log: the newest contiguous messages up to `held`. */
export function snapshotOf(room: string, log: RoomLog): CachedRoom | undefined {
  if (log.epoch === undefined) return undefined;
  const contiguous = log.messages.filter((m) => m.seq <= log.held);
  const messages = contiguous.slice(-HISTORY_PER_ROOM);
  return { room, epoch: log.epoch, messages, hasOlder: log.hasOlder || messages.length < contiguous.length };
}

/**
 * Writes each room's history to the cache as messages arrive, at most once per `delayMs` per
 * room (a busy room must not write 200 messages for every new one), and drops rooms the user
 * left. `flush` writes what is due at once (page hidden: the last chance).
 */
export class CachedHistoryWriter {
  private readonly due = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private known: Set<string>;
  private readonly unsubscribe: Array<() => void>;

  constructor(
    private readonly client: Pick<ChatClient, 'rooms' | 'room' | 'events'>,
    private readonly cache: HistoryCache,
    private readonly delayMs = 1000,
  ) {
    this.known = new Set(client.rooms);
    this.unsubscribe = [client.events.on('room', (room) => this.schedule(room)), client.events.on('rooms', () => this.roomsChanged())];
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const rooms = [...this.due];
    this.due.clear();
    await Promise.all(rooms.map((room) => this.write(room)));
  }

  stop(): void {
    clearTimeout(this.timer);
    for (const off of this.unsubscribe) off();
  }

  private schedule(room: string): void {
    this.due.add(room);
    this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
  }

  private roomsChanged(): void {
    const now = new Set(this.client.rooms);
    for (const room of this.known) if (!now.has(room)) void this.cache.drop(room).catch(() => undefined);
    this.known = now;
  }

  private async write(room: string): Promise<void> {
    const log = this.client.room(room)?.log;
    if (!log) return;
    const snapshot = snapshotOf(room, log);
    // No epoch: the relay reported a new one and the log was dropped; the old history is void.
    await (snapshot ? this.cache.save(snapshot) : this.cache.drop(room)).catch(() => undefined);
  }
}
