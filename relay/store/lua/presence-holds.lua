-- Reference-counted presence, shared by the presence-*.lua scripts that hold or release.
-- lua-scripts.ts prepends this file to them: one copy of the counting rules instead of one per
-- script that could drift apart (an EVAL script cannot call another script). It defines
-- functions only and reads no KEYS or ARGV: each script names its own arguments and passes
-- the keys it was given. Redis reports errors with line numbers of the joined source.
--
-- Layout (every key under the relay's prefix):
--   held:<replica>                 hash "room\nuser" -> 1: what that replica holds
--   room:{<room>}:presence         hash user -> number of replicas holding the user in the room
--                                  (HLEN: the room's online count, O(1))
--   room:{<room>}:presence:order   zset user -> 0: the same users in id order, for stable pages
--                                  (ZRANGEBYLEX "(after": a page, even after `after` left)
--   room:{<room>}:presence:recent  zset user -> when they arrived (ms): the join answer's newest
--   urooms:<user>                  set of the rooms the user is present in
--   prooms                         set of the rooms with anyone present
--   replicas                       zset replica -> its last heartbeat (ms, Redis clock)
-- A room's three keys share the hash tag {<room>}, so Redis Cluster keeps them in one slot;
-- roomKeys below and roomKeys() in redis-presence-store.ts are the only places naming them.
--
-- hold and release add a transition {room, user, '1' | '0', count} to `transitions` (flat) when
-- a user's presence in a room starts or ends cluster-wide, `count` being the room's online users
-- right after it (the relay sends notices only up to PRESENCE_NOTICE_MAX); the scripts return
-- that list. Every step is O(1) or O(log n) in the room's size: nothing reads a whole room.

local transitions = {}
local nowMs

-- The Redis clock, read once per script (replicas' clocks need not agree).
local function now()
  if not nowMs then
    local t = redis.call('TIME')
    nowMs = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  end
  return nowMs
end

-- An arrival's score: now, but always above the room's newest, so arrivals within one
-- millisecond (a batch, a busy room) keep their order instead of falling back to id order.
local function arrivalScore(recentKey)
  local newest = redis.call('ZREVRANGE', recentKey, 0, 0, 'WITHSCORES')[2]
  if newest and tonumber(newest) >= now() then return tonumber(newest) + 1 end
  return now()
end

local function flip(presenceKey, room, user, present)
  table.insert(transitions, room); table.insert(transitions, user); table.insert(transitions, present)
  table.insert(transitions, redis.call('HLEN', presenceKey))
end

local function hold(heldKey, proomsKey, rk, uroomsKey, room, user)
  if redis.call('HSETNX', heldKey, room .. '\n' .. user, 1) == 1 then
    if redis.call('HINCRBY', rk.presence, user, 1) == 1 then
      redis.call('ZADD', rk.order, 0, user)
      redis.call('ZADD', rk.recent, arrivalScore(rk.recent), user)
      redis.call('SADD', uroomsKey, room)
      redis.call('SADD', proomsKey, room)
      flip(rk.presence, room, user, '1')
    end
  end
end

local function release(heldKey, proomsKey, rk, uroomsKey, room, user)
  if redis.call('HDEL', heldKey, room .. '\n' .. user) == 1 then
    if redis.call('HINCRBY', rk.presence, user, -1) <= 0 then
      redis.call('HDEL', rk.presence, user)
      redis.call('ZREM', rk.order, user)
      redis.call('ZREM', rk.recent, user)
      redis.call('SREM', uroomsKey, room)
      if redis.call('EXISTS', rk.presence) == 0 then redis.call('SREM', proomsKey, room) end
      flip(rk.presence, room, user, '0')
    end
  end
end

-- A room's presence keys by name; the callers that got them in KEYS pass those instead.
local function roomKeys(prefix, room)
  local base = prefix .. 'room:{' .. room .. '}:presence'
  return { presence = base, order = base .. ':order', recent = base .. ':recent' }
end

-- Releases one field "room\nuser" read from a held:<replica> hash. Its room and user are known
-- only now, inside the script, so their keys are built here from the prefix: the exception to
-- "every key in KEYS" that the scripts using this name in their headers.
local function releaseHeldField(prefix, heldKey, proomsKey, field)
  local at = string.find(field, '\n', 1, true)
  local room, user = string.sub(field, 1, at - 1), string.sub(field, at + 1)
  release(heldKey, proomsKey, roomKeys(prefix, room), prefix .. 'urooms:' .. user, room, user)
end
