// Renames a single Redis's (or a Sentinel primary's) room keys from the layout before Redis
// Cluster support, `relay:room:<room>:<kind>`, to the hash-tagged one the relay reads now,
// `relay:room:{<room>}:<kind>` (relay/store/lua/room-stream.lua). Run it once with every relay
// stopped, before starting the new version: history written by an old relay after the run
// would stay under the old names. It is idempotent (RENAMENX, tagged keys are left alone).
//
//   node scripts/migrate-room-keys.mjs redis://127.0.0.1:6379 [prefix, default relay:]
//
// A Redis Cluster starts empty: this is for the single Redis and Sentinel modes only.
import { Redis } from 'ioredis';
import { pathToFileURL } from 'node:url';

/** `prefix`room:<room>:<rest> → `prefix`room:{<room>}:<rest>; undefined for a key already tagged or not a room key. */
export function taggedRoomKey(key, prefix = 'relay:') {
  const head = `${prefix}room:`;
  if (!key.startsWith(head) || key[head.length] === '{') return undefined;
  const colon = key.indexOf(':', head.length);
  if (colon < 0) return undefined;
  return `${head}{${key.slice(head.length, colon)}}${key.slice(colon)}`;
}

/**
 * Renames every old-layout room key of `redis`; resolves with how many it renamed and how many
 * it skipped because the new name existed already.
 * @param {import('ioredis').Redis} redis
 */
export async function migrateRoomKeys(redis, prefix = 'relay:') {
  let renamed = 0;
  let skipped = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}room:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const target = taggedRoomKey(key, prefix);
      if (!target) continue;
      if ((await redis.renamenx(key, target)) === 1) renamed++;
      else skipped++;
    }
  } while (cursor !== '0');
  return { renamed, skipped };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [url, prefix = 'relay:'] = process.argv.slice(2);
  if (!url) {
    console.error('usage: node scripts/migrate-room-keys.mjs redis://host:port [prefix]');
    process.exit(2);
  }
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const { renamed, skipped } = await migrateRoomKeys(redis, prefix);
    console.log(`renamed ${renamed} room keys to the hash-tagged layout${skipped ? `; ${skipped} left as they were (the new name exists already)` : ''}`);
  } finally {
    redis.disconnect();
  }
}
