-- Appends one message to a room: dedupe -> rate limit -> seq -> store -> remember clientId ->
-- signal, atomically, so no other replica (and no crash of this one half-way) can split a
-- decision from its effects. The signal is published inside the script: a replica that dies
-- right after Redis stored the message cannot leave it unannounced. It carries the message, so
-- replicas that are up to date deliver it without reading the stream.
--
-- KEYS[1] meta: the room's hash: 'seq' (last seq) and 'epoch'
-- KEYS[2] log: the room's stream, one entry '<seq>-0' -> {m = json} per message
-- KEYS[3] dedupe: the sender's clientId in this room -> 'seq id time' of the first attempt (not
--         the message: 25 h of whole messages would outweigh the history itself)
-- KEYS[4] bucket: the sender's rate-limit token bucket, a hash {tokens, at}
-- KEYS[5] rooms: the set of rooms that have history
-- KEYS[6] roomIndex: zset of every room that exists, scored by when it expires (+inf: has history)
-- ARGV[1] jsonHead: the message JSON up to its seq, e.g. '{"id":"…","seq":'
-- ARGV[2] jsonTail: the rest of the JSON after the seq
-- ARGV[3] historyLimit: how many messages the stream keeps (XADD MAXLEN)
-- ARGV[4] dedupeTtlSec: how long a clientId is remembered
-- ARGV[5] newEpoch: the room's epoch when the room does not exist yet
-- ARGV[6] room: the room's name, for the rooms set and the signal
-- ARGV[7] channel: the pub/sub channel of the advance signal ('room seq epoch json')
-- ARGV[8] ratePerSec: tokens the bucket gains per second
-- ARGV[9] burst: the bucket's size
-- ARGV[10] dedupeTail: ' <id> <time>' of this message, the rest of its dedupe record
-- ARGV[11] maxRooms: how many rooms may exist at once (0: no bound); a message to a new room
--          past it stores nothing
-- Returns {'duplicate', json} (the first attempt, still in the stream)
--       | {'duplicate_record', 'seq id time'} (the first attempt, trimmed from the stream since)
--       | {'rate_limited'} | {'room_limit'} | {'stored', json, epoch}

local metaKey = KEYS[1]
local logKey = KEYS[2]
local dedupeKey = KEYS[3]
local bucketKey = KEYS[4]
local roomsKey = KEYS[5]
local jsonHead = ARGV[1]
local jsonTail = ARGV[2]
local historyLimit = ARGV[3]
local dedupeTtlSec = ARGV[4]
local newEpoch = ARGV[5]
local room = ARGV[6]
local channel = ARGV[7]
local ratePerSec = tonumber(ARGV[8])
local burst = tonumber(ARGV[9])
local dedupeTail = ARGV[10]
local roomIndexKey = KEYS[6]
local maxRooms = tonumber(ARGV[11])

local record = redis.call('GET', dedupeKey)
if record then
  local firstSeq = string.match(record, '^(%d+) ')
  local entry = redis.call('XRANGE', logKey, firstSeq .. '-0', firstSeq .. '-0')
  if entry[1] then return {'duplicate', entry[1][2][2]} end
  return {'duplicate_record', record}
end

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local bucket = redis.call('HMGET', bucketKey, 'tokens', 'at')
local tokens = tonumber(bucket[1]) or burst
local at = tonumber(bucket[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * ratePerSec / 1000)
local bucketTtlMs = math.ceil(burst / ratePerSec * 1000) + 1000
if tokens < 1 then
  redis.call('HSET', bucketKey, 'tokens', tostring(tokens), 'at', now)
  redis.call('PEXPIRE', bucketKey, bucketTtlMs)
  return {'rate_limited'}
end
redis.call('HSET', bucketKey, 'tokens', tostring(tokens - 1), 'at', now)
redis.call('PEXPIRE', bucketKey, bucketTtlMs)

if maxRooms > 0 and redis.call('EXISTS', metaKey) == 0 and not redis.call('ZSCORE', roomIndexKey, room) then
  redis.call('ZREMRANGEBYSCORE', roomIndexKey, '-inf', now)
  if redis.call('ZCARD', roomIndexKey) >= maxRooms then return {'room_limit'} end
end
redis.call('HSETNX', metaKey, 'epoch', newEpoch)
local seq = redis.call('HINCRBY', metaKey, 'seq', 1)
if seq == 1 then
  -- The room has history now: it stays (room-head.lua gave it a lifetime while it was empty).
  redis.call('PERSIST', metaKey)
  redis.call('ZADD', roomIndexKey, '+inf', room)
end
local json = jsonHead .. seq .. jsonTail
redis.call('XADD', logKey, 'MAXLEN', historyLimit, seq .. '-0', 'm', json)
redis.call('SET', dedupeKey, seq .. dedupeTail, 'EX', dedupeTtlSec)
redis.call('SADD', roomsKey, room)
local epoch = redis.call('HGET', metaKey, 'epoch')
redis.call('PUBLISH', channel, room .. ' ' .. seq .. ' ' .. epoch .. ' ' .. json)
return {'stored', json, epoch}
