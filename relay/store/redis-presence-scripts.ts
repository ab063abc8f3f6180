/**
 * Presence scripts. Keys are derived inside the scripts from a prefix (ARGV[1]); the relay uses
 * a single Redis primary (with Sentinel for failover), not Redis Cluster, so that is safe.
 * Layout: `held:<replica>` hash of "room\nuser" → 1 (what that replica holds),
 * `presence:<room>` hash user → number of replicas holding it, `urooms:<user>` set of rooms,
 * `prooms` set of rooms with anyone present, `replicas` zset replica → last heartbeat (ms).
 */
const HELPERS = `
local p = ARGV[1]
local out = {}
local function hold(replica, room, uid)
  if redis.call('HSETNX', p .. 'held:' .. replica, room .. '\\n' .. uid, 1) == 1 then
    if redis.call('HINCRBY', p .. 'presence:' .. room, uid, 1) == 1 then
      redis.call('SADD', p .. 'urooms:' .. uid, room)
      redis.call('SADD', p .. 'prooms', room)
      table.insert(out, room); table.insert(out, uid); table.insert(out, '1')
    end
  end
end
local function release(replica, room, uid)
  if redis.call('HDEL', p .. 'held:' .. replica, room .. '\\n' .. uid) == 1 then
    if redis.call('HINCRBY', p .. 'presence:' .. room, uid, -1) <= 0 then
      redis.call('HDEL', p .. 'presence:' .. room, uid)
      redis.call('SREM', p .. 'urooms:' .. uid, room)
      if redis.call('EXISTS', p .. 'presence:' .. room) == 0 then redis.call('SREM', p .. 'prooms', room) end
      table.insert(out, room); table.insert(out, uid); table.insert(out, '0')
    end
  end
end
local function split(field)
  local at = string.find(field, '\\n', 1, true)
  return string.sub(field, 1, at - 1), string.sub(field, at + 1)
end
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`;

/** ARGV: prefix, replica, then (room, user, '1'|'0') triples. */
export const PRESENCE_APPLY_LUA = `${HELPERS}
for i = 3, #ARGV, 3 do
  if ARGV[i + 2] == '1' then hold(ARGV[2], ARGV[i], ARGV[i + 1]) else release(ARGV[2], ARGV[i], ARGV[i + 1]) end
end
return out
`;

/** ARGV: prefix, replica, then (room, user) pairs: the replica's complete holdings. */
export const PRESENCE_RESYNC_LUA = `${HELPERS}
local wanted = {}
for i = 3, #ARGV, 2 do wanted[ARGV[i] .. '\\n' .. ARGV[i + 1]] = true end
for _, field in ipairs(redis.call('HKEYS', p .. 'held:' .. ARGV[2])) do
  if not wanted[field] then
    local room, uid = split(field)
    release(ARGV[2], room, uid)
  end
end
for i = 3, #ARGV, 2 do hold(ARGV[2], ARGV[i], ARGV[i + 1]) end
return out
`;

/** ARGV: prefix, replica. Returns 1 when the replica was not registered (new, reaped or wiped). */
export const PRESENCE_HEARTBEAT_LUA = `${HELPERS}
return redis.call('ZADD', p .. 'replicas', nowMs(), ARGV[2])
`;

/**
 * ARGV: prefix, timeoutMs. Releases everything held by replicas silent for longer than the
 * timeout. Atomic, so when several survivors reap at once exactly one gets the transitions.
 */
export const PRESENCE_REAP_LUA = `${HELPERS}
local dead = redis.call('ZRANGEBYSCORE', p .. 'replicas', '-inf', nowMs() - tonumber(ARGV[2]))
for _, replica in ipairs(dead) do
  for _, field in ipairs(redis.call('HKEYS', p .. 'held:' .. replica)) do
    local room, uid = split(field)
    release(replica, room, uid)
  end
  redis.call('DEL', p .. 'held:' .. replica)
  redis.call('ZREM', p .. 'replicas', replica)
end
return out
`;

/** ARGV: prefix, replica. */
export const PRESENCE_REMOVE_SELF_LUA = `${HELPERS}
for _, field in ipairs(redis.call('HKEYS', p .. 'held:' .. ARGV[2])) do
  local room, uid = split(field)
  release(ARGV[2], room, uid)
end
redis.call('ZREM', p .. 'replicas', ARGV[2])
return out
`;
