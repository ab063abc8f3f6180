import { createMemoryHistoryCache, HISTORY_ROOMS, type CachedRoom, type HistoryCache } from '../core/history-cache.js';

const STORE = 'rooms';

interface Row extends CachedRoom {
  savedAt: number;
}

/** One IndexedDB request as a promise. */
function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/**
 * Room history in IndexedDB: one row per room, replaced on each save; rows beyond HISTORY_ROOMS
 * go, least recently saved first. One database per relay (`scope`), because the desktop app can
 * be pointed at another relay whose rooms share names but not messages.
 *
 * IndexedDB and not localStorage: 50 rooms × 200 messages can reach megabytes, past
 * localStorage's ~5 MB, and its synchronous writes would stall typing.
 */
export async function openIndexedDbHistoryCache(scope: string, factory: IDBFactory = indexedDB): Promise<HistoryCache> {
  const open = factory.open(`relay-chat.history ${scope}`, 1);
  open.onupgradeneeded = () => {
    const store = open.result.createObjectStore(STORE, { keyPath: 'room' });
    store.createIndex('savedAt', 'savedAt');
  };
  const db = await done(open);
  // Another tab upgrading the schema must not wait for this one forever.
  db.onversionchange = () => db.close();
  let clock = 0;

  return {
    async load(room) {
      const row = (await done(db.transaction(STORE).objectStore(STORE).get(room))) as Row | undefined;
      if (!row) return undefined;
      const { savedAt: _savedAt, ...entry } = row;
      return entry;
    },
    async save(entry) {
      const tx = db.transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      // Strictly increasing even within one millisecond, so the eviction order is the save order.
      clock = Math.max(clock + 1, Date.now());
      store.put({ ...entry, savedAt: clock } satisfies Row);
      const count = await done(store.count());
      if (count > HISTORY_ROOMS) {
        const oldest = await done(store.index('savedAt').getAllKeys(null, count - HISTORY_ROOMS));
        for (const key of oldest) store.delete(key);
      }
      await committed(tx);
    },
    async drop(room) {
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).delete(room);
      await committed(tx);
    },
  };
}

/**
 * The cache the page uses: IndexedDB when it opens in time, else memory (IndexedDB disabled or
 * blocked, e.g. some private modes), so a broken cache never delays or breaks the start.
 */
export async function openBrowserHistoryCache(scope: string, timeoutMs = 2000): Promise<HistoryCache> {
  if (typeof indexedDB === 'undefined') return createMemoryHistoryCache();
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs));
  const opened = await Promise.race([openIndexedDbHistoryCache(scope).catch(() => undefined), timeout]);
  return opened ?? createMemoryHistoryCache();
}
