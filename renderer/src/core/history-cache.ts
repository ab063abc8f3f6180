import type { Message } from '../../../shared/protocol-types.js';

/** The newest messages of one room as last seen, so the next start can show them before it connects. */
export interface CachedRoom {
  room: string;
  /** The relay's history generation these messages belong to; a different one makes them void. */
  epoch: string;
  /** Contiguous by seq, oldest first, at most HISTORY_PER_ROOM. */
  messages: Message[];
  /** The relay holds messages before the first one here. */
  hasOlder: boolean;
}

/** Messages kept per room: a screenful of context and then some, not an archive. */
export const HISTORY_PER_ROOM = 200;
/** Rooms kept in all; the least recently written one goes first. */
export const HISTORY_ROOMS = 50;

/**
 * Where room history outlives the page: IndexedDB in the browser and the desktop app
 * (platform/indexeddb-history-cache.ts), memory in tests and Node. Failures are the caller's to
 * swallow: a cache that cannot be read or written only means a slower start.
 */
export interface HistoryCache {
  load(room: string): Promise<CachedRoom | undefined>;
  /** Replaces what is held for the room; keeps at most HISTORY_ROOMS rooms in all. */
  save(entry: CachedRoom): Promise<void>;
  drop(room: string): Promise<void>;
}

/** The same contract in memory: for tests, bots and browsers without IndexedDB. */
export function createMemoryHistoryCache(): HistoryCache & { readonly rooms: Map<string, CachedRoom> } {
  // A Map keeps insertion order: re-inserting on save makes the first key the least recently written.
  const rooms = new Map<string, CachedRoom>();
  return {
    rooms,
    load: async (room) => structuredClone(rooms.get(room)),
    save: async (entry) => {
      rooms.delete(entry.room);
      rooms.set(entry.room, structuredClone(entry));
      for (const oldest of rooms.keys()) {
        if (rooms.size <= HISTORY_ROOMS) break;
        rooms.delete(oldest);
      }
    },
    drop: async (room) => void rooms.delete(room),
  };
}
