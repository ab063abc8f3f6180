-- The steps every entry of a room's stream goes through, shared by append-message.lua and
-- append-change.lua. lua-scripts.ts prepends this file to them (an EVAL script cannot call
-- another script), so messages and changes cannot drift apart in how they dedupe, rate limit,
-- number, store, trim and signal. Functions only: it reads no KEYS or ARGV of its own.
--
-- Room keys (every one names its room, so a later Redis Cluster change can hash-tag it):
--   room:<room>:meta    hash 'seq' (last seq), 'epoch', 'topic'
--   room:<room>:log     stream '<seq>-0' -> {m = entry json}, trimmed to historyLimit (exact MAXLEN)
--   room:<room>:ids     zset id -> seq of the kept `text` entries that are not deleted: what a
--                       reply or a change may target
--   room:<room>:state   zset of state json scored by the seq of its `text` entry: the current
--                       state ({rev, text?, editedAt?, deleted?, reactions?}) of changed messages
--   room:<room>:dedupe:<user>:<clientId>  'seq id time[ targetSeq]' of the first attempt
--   room-index          zset of every room that exists, scored by when it expires (+inf: it has
--                       history); bounds the number of rooms (MAX_ROOMS), see room-head.lua
-- Entry JSON starts '{"id":"<id>","seq":<seq>,"kind":"<kind>"' (the relay builds it so): reads
-- that only need the id and kind (room-reader.lua) match that prefix instead of decoding.

-- The current state of the message at `seq`, as stored json, or '' when it never changed.
local function state_at(stateKey, seq)
  local found = redis.call('ZRANGEBYSCORE', stateKey, seq, seq)
  return found[1] or ''
end

-- A repeat of (user, clientId): the reply that answers it, else nil.
local function duplicate_of(dedupeKey, logKey, stateKey)
  local record = redis.call('GET', dedupeKey)
  if not record then return nil end
  local firstSeq = string.match(record, '^(%d+) ')
  local entry = redis.call('XRANGE', logKey, firstSeq .. '-0', firstSeq .. '-0')
  if entry[1] then return {'duplicate', entry[1][2][2], state_at(stateKey, firstSeq)} end
  return {'duplicate_record', record}
end

-- The sender's token bucket (mirrors token-bucket.ts): true when a token was taken.
local function take_token(bucketKey, ratePerSec, burst)
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  local bucket = redis.call('HMGET', bucketKey, 'tokens', 'at')
  local tokens = tonumber(bucket[1]) or burst
  local at = tonumber(bucket[2]) or now
  tokens = math.min(burst, tokens + math.max(0, now - at) * ratePerSec / 1000)
  local bucketTtlMs = math.ceil(burst / ratePerSec * 1000) + 1000
  local allowed = tokens >= 1
  if allowed then tokens = tokens - 1 end
  redis.call('HSET', bucketKey, 'tokens', tostring(tokens), 'at', now)
  redis.call('PEXPIRE', bucketKey, bucketTtlMs)
  return allowed
end

-- False when `room` does not exist yet and maxRooms rooms do (0: no bound).
local function room_admitted(metaKey, roomIndexKey, room, maxRooms)
  if maxRooms <= 0 or redis.call('EXISTS', metaKey) == 1 or redis.call('ZSCORE', roomIndexKey, room) then return true end
  local t = redis.call('TIME')
  redis.call('ZREMRANGEBYSCORE', roomIndexKey, '-inf', tonumber(t[1]) * 1000)
  return redis.call('ZCARD', roomIndexKey) < maxRooms
end

local function next_seq(metaKey, newEpoch, roomIndexKey, room)
  redis.call('HSETNX', metaKey, 'epoch', newEpoch)
  local seq = redis.call('HINCRBY', metaKey, 'seq', 1)
  if seq == 1 then
    -- The room has history now: it stays (room-head.lua gave it a lifetime while it was empty).
    redis.call('PERSIST', metaKey)
    redis.call('ZADD', roomIndexKey, '+inf', room)
  end
  return seq
end

-- Appends the entry at `seq`, drops what the trim took from the stream (ids and states by
-- score: seqs are gapless, so the stream keeps exactly seq - historyLimit + 1 .. seq), records
-- the dedupe record and signals the advance. Returns the room's epoch.
local function store_entry(k, seq, json, historyLimit, dedupeRecord, dedupeTtlSec, room, channel)
  redis.call('XADD', k.log, 'MAXLEN', historyLimit, seq .. '-0', 'm', json)
  local trimmed = seq - tonumber(historyLimit)
  if trimmed >= 1 then
    redis.call('ZREMRANGEBYSCORE', k.ids, '-inf', trimmed)
    redis.call('ZREMRANGEBYSCORE', k.state, '-inf', trimmed)
  end
  redis.call('SET', k.dedupe, dedupeRecord, 'EX', dedupeTtlSec)
  redis.call('SADD', k.rooms, room)
  local epoch = redis.call('HGET', k.meta, 'epoch')
  redis.call('PUBLISH', channel, room .. ' ' .. seq .. ' ' .. epoch .. ' ' .. json)
  return epoch
end
