-- The cluster-wide index of rooms, kept as its own step next to a room's scripts: it is a global
-- key, and in a Redis Cluster a room's scripts may touch only the room's slot. Why each step may
-- run apart from the room script it belongs to is argued in redis-room-index.ts.
--
-- KEYS[1] roomIndex: zset of every room that exists, scored by when it expires (ms, Redis clock;
--         +inf: it has history); bounds the number of rooms (MAX_ROOMS)
-- ARGV[1] room: the room's name
-- ARGV[2] step: 'admit' (a room that does not exist yet wants to: refused when maxRooms live
--         rooms are indexed), 'renew' (an empty room was joined: it lives emptyTtlMs longer),
--         'keep' (the room has history: it stays indexed for good)
-- ARGV[3] emptyTtlMs: how long a room with no history lives after its last join
-- ARGV[4] maxRooms: how many rooms may exist at once (0: no bound)
-- Returns 1 when done, 0 when 'admit' was refused

local roomIndexKey = KEYS[1]
local room = ARGV[1]
local step = ARGV[2]
local emptyTtlMs = tonumber(ARGV[3])
local maxRooms = tonumber(ARGV[4])

if step == 'keep' then
  redis.call('ZADD', roomIndexKey, '+inf', room)
  return 1
end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if step == 'admit' and not redis.call('ZSCORE', roomIndexKey, room) then
  redis.call('ZREMRANGEBYSCORE', roomIndexKey, '-inf', now)
  if maxRooms > 0 and redis.call('ZCARD', roomIndexKey) >= maxRooms then return 0 end
end
-- GT: a room with history (+inf) keeps its score.
redis.call('ZADD', roomIndexKey, 'GT', now + emptyTtlMs, room)
return 1
