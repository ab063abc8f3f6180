// Renames a single Redis's (or a Sentinel primary's) room keys from the layout before Redis
// Cluster support, `relay:room:<room>:<kind>`, to the hash-tagged one the relay reads now,
// `relay:room:{<room>}:<kind>` (relay/store/lua/room-stream.lua). Run it once with every relay
// stopped, before starting the new version: history written by an old relay after the run
// would stay under the old names. It is idempotent (RENAMENX, tagged keys are left alone).
//
//   node scripts/migrate-room-keys.mjs redis://127.0.0.1:6379 [prefix, default relay:]
//
// Presence (who is online) is dropped rather than migrated: it is ephemeral, its layout changed
// again (per-incarnation held sets in each room's slot, relay/store/lua/presence-holds.lua), and
// counts kept without the holdings that explain them would show ghost users nobody reaps. The
// new relays re-assert it from their connections as clients reconnect.
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

/** True for a presence key of any past layout (dropped by the migration). */
export function isPresenceKey(key, prefix = 'relay:') {
  if (!key.startsWith(prefix)) return false;
  const rest = key.slice(prefix.length);
  if (rest === 'prooms' || rest === 'replicas' || rest === 'presence-scan' || rest.startsWith('held:') || rest.startsWith('urooms:')) return true;
  if (!rest.startsWith('room:')) return false;
  // room:<room>:presence… or room:{<room>}:presence…
  const tagged = rest[5] === '{';
  const end = tagged ? rest.indexOf('}:', 5) + 1 : rest.indexOf(':', 5);
  return end > 0 && rest.startsWith(':presence', end);
}

/** Deletes every presence key; resolves with how many. */
export async function dropPresence(redis, prefix = 'relay:') {
  let dropped = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    const presence = keys.filter((key) => isPresenceKey(key, prefix));
    if (presence.length > 0) dropped += await redis.del(...presence);
  } while (cursor !== '0');
  return dropped;
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
    const dropped = await dropPresence(redis, prefix);
    const { renamed, skipped } = await migrateRoomKeys(redis, prefix);
    console.log(`dropped ${dropped} presence keys (the relays re-assert who is online)`);
    console.log(`renamed ${renamed} room keys to the hash-tagged layout${skipped ? `; ${skipped} left as they were (the new name exists already)` : ''}`);
  } finally {
    redis.disconnect();
  }
}
