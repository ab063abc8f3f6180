-- A room's head: its epoch, last seq and oldest kept seq, read together so they agree.
--
-- KEYS[1] meta: the room's hash: 'seq' (last seq) and 'epoch'
-- KEYS[2] log: the room's stream, entry ids '<seq>-0'
-- KEYS[3] roomIndex: zset of every room that exists, scored by when it expires (+inf: has history)
-- ARGV[1] newEpoch: the epoch to give the room when it has none
-- ARGV[2] create: '1' to create the epoch when missing (e.g. after Redis lost the room), '0' to only read
-- ARGV[3] room: the room's name, its member in roomIndex
-- ARGV[4] emptyTtlMs: how long a room with no history lives after its last join
-- ARGV[5] maxRooms: how many rooms may exist at once (0: no bound)
-- Returns {epoch or '', last seq or '0', id of the oldest stream entry or ''} | {'room_limit'}
--
-- A room nobody has written in is kept only while it is joined: every join renews its lifetime,
-- so an abandoned empty room disappears, and a flood of joins to made-up room names is bounded
-- by maxRooms instead of filling Redis. The first message makes the room permanent
-- (append-message.lua).

local metaKey = KEYS[1]
local logKey = KEYS[2]
local newEpoch = ARGV[1]
local create = ARGV[2]
local roomIndexKey = KEYS[3]
local room = ARGV[3]
local emptyTtlMs = tonumber(ARGV[4])
local maxRooms = tonumber(ARGV[5])

if create == '1' then
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  if redis.call('EXISTS', metaKey) == 0 and not redis.call('ZSCORE', roomIndexKey, room) then
    redis.call('ZREMRANGEBYSCORE', roomIndexKey, '-inf', now)
    if maxRooms > 0 and redis.call('ZCARD', roomIndexKey) >= maxRooms then return {'room_limit'} end
  end
  redis.call('HSETNX', metaKey, 'epoch', newEpoch)
  if tonumber(redis.call('HGET', metaKey, 'seq') or '0') == 0 then
    redis.call('PEXPIRE', metaKey, emptyTtlMs)
    redis.call('ZADD', roomIndexKey, now + emptyTtlMs, room)
  end
end
local meta = redis.call('HMGET', metaKey, 'epoch', 'seq')
local first = redis.call('XRANGE', logKey, '-', '+', 'COUNT', 1)
local firstId = ''
if first[1] then firstId = first[1][1] end
return {meta[1] or '', meta[2] or '0', firstId}
