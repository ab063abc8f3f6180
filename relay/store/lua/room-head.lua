-- A room's head: its epoch, last seq and oldest kept seq, read together so they agree.
--
-- KEYS[1] meta: the room's hash: 'seq' (last seq) and 'epoch'
-- KEYS[2] log: the room's stream, entry ids '<seq>-0'
-- ARGV[1] newEpoch: the epoch to give the room when it has none
-- ARGV[2] create: '1' to create the epoch when missing (e.g. after Redis lost the room), '0' to only read
-- Returns {epoch or '', last seq or '0', id of the oldest stream entry or ''}

local metaKey = KEYS[1]
local logKey = KEYS[2]
local newEpoch = ARGV[1]
local create = ARGV[2]

if create == '1' then redis.call('HSETNX', metaKey, 'epoch', newEpoch) end
local meta = redis.call('HMGET', metaKey, 'epoch', 'seq')
local first = redis.call('XRANGE', logKey, '-', '+', 'COUNT', 1)
local firstId = ''
if first[1] then firstId = first[1][1] end
return {meta[1] or '', meta[2] or '0', firstId}
