-- Reference-counted presence, shared by the presence-*.lua scripts that hold or release.
-- lua-scripts.ts prepends this file to them: one copy of the counting rules instead of one per
-- script that could drift apart (an EVAL script cannot call another script). It defines
-- functions only and reads no KEYS or ARGV: each script names its own arguments and passes
-- the keys it was given. Redis reports errors with line numbers of the joined source.
--
-- Layout (every key under the relay's prefix; <inc> is a replica's incarnation, its id and
-- when it registered, renewed whenever the store forgot it):
--   room:{<room>}:presence               hash user -> number of incarnations holding the user
--                                        in the room (HLEN: the room's online count, O(1))
--   room:{<room>}:presence:order         zset user -> 0: the same users in id order, for stable
--                                        pages (ZRANGEBYLEX "(after": a page, even after `after` left)
--   room:{<room>}:presence:recent        zset user -> when they arrived (ms): the join answer's newest
--   room:{<room>}:presence:held:<inc>    set of the users that incarnation holds in the room
--   room:{<room>}:presence:gone:<inc>    set of the users a reaper released there (expires; see
--                                        presence-forget.lua)
-- Everything a room's presence needs shares the hash tag {<room>}: one Redis Cluster slot, so
-- every script here touches one room only and its effects replicate as one unit. A shard that
-- fails over and loses a recent hold loses the matching count with it, never one without the
-- other, and the reaper finds what a dead replica held by scanning for its held:<inc> keys,
-- which live and die with the counts they explain (redis-presence-reaper.ts).
-- Outside the rooms' slots, written as separate steps next to these scripts
-- (redis-presence-store.ts argues each): replicas (zset incarnation -> last heartbeat, Redis
-- clock), prooms (set of rooms where someone may be present, for GET /api/rooms) and
-- urooms:{<user>} (hash "<room>\n<inc>" -> 1: where a rename sends its notices).
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

local function flip(rk, room, user, present)
  table.insert(transitions, room); table.insert(transitions, user); table.insert(transitions, present)
  table.insert(transitions, redis.call('HLEN', rk.presence))
end

-- rk: the room's keys { presence, order, recent, held } (held: the calling incarnation's set).
local function hold(rk, room, user)
  if redis.call('SADD', rk.held, user) == 1 then
    if redis.call('HINCRBY', rk.presence, user, 1) == 1 then
      redis.call('ZADD', rk.order, 0, user)
      redis.call('ZADD', rk.recent, arrivalScore(rk.recent), user)
      flip(rk, room, user, '1')
    end
  end
end

local function release(rk, room, user)
  if redis.call('SREM', rk.held, user) == 1 then
    if redis.call('HINCRBY', rk.presence, user, -1) <= 0 then
      redis.call('HDEL', rk.presence, user)
      redis.call('ZREM', rk.order, user)
      redis.call('ZREM', rk.recent, user)
      flip(rk, room, user, '0')
    end
  end
end
