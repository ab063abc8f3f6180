-- A room's head: its epoch, last seq and oldest kept seq, read together so they agree.
--
-- KEYS[1] meta: the room's hash: 'seq' (last seq) and 'epoch'
-- KEYS[2] log: the room's stream, entry ids '<seq>-0'
-- ARGV[1] newEpoch: the epoch to give the room when it has none
-- ARGV[2] create: '1' to create the epoch when missing (e.g. after Redis lost the room), '0' to only read
-- ARGV[3] emptyTtlMs: how long a room with no history lives after its last join
-- ARGV[4] maxRooms: how many rooms may exist at once (0: no bound)
-- ARGV[5] admitted: '1' when room-index.lua admitted the room for this call
-- Returns {epoch or '', last seq or '0', id of the oldest stream entry or ''}
--       | {'admit'} (the room does not exist: the relay must first admit it, MAX_ROOMS)
--
-- A room nobody has written in is kept only while it is joined: every join renews its lifetime
-- (here, and in room-index.lua: the relay renews both when the head says the room is empty),
-- so an abandoned empty room disappears, and a flood of joins to made-up room names is bounded
-- by maxRooms instead of filling Redis. The first message makes the room permanent
-- (room-stream.lua).

local metaKey = KEYS[1]
local logKey = KEYS[2]
local newEpoch = ARGV[1]
local create = ARGV[2]
local emptyTtlMs = tonumber(ARGV[3])
local maxRooms = tonumber(ARGV[4])
local admitted = ARGV[5]

if create == '1' then
  if maxRooms > 0 and admitted ~= '1' and redis.call('EXISTS', metaKey) == 0 then return {'admit'} end
  redis.call('HSETNX', metaKey, 'epoch', newEpoch)
  if tonumber(redis.call('HGET', metaKey, 'seq') or '0') == 0 then redis.call('PEXPIRE', metaKey, emptyTtlMs) end
end
local meta = redis.call('HMGET', metaKey, 'epoch', 'seq')
local first = redis.call('XRANGE', logKey, '-', '+', 'COUNT', 1)
local firstId = ''
if first[1] then firstId = first[1][1] end
return {meta[1] or '', meta[2] or '0', firstId}
