-- The steps every entry of a room's stream goes through, shared by append-message.lua and
-- append-change.lua. lua-scripts.ts prepends this file to them (an EVAL script cannot call
-- another script), so messages and changes cannot drift apart in how they dedupe, rate limit,
-- number, store, trim and signal. Functions only: it reads no KEYS or ARGV of its own.
--
-- Room keys: every one carries exactly the hash tag {<room>}, so all of a room's keys share the
-- slot CLUSTER KEYSLOT <room> and a room's script stays atomic on one Redis Cluster shard (on one
-- Redis the tag changes nothing). Room names cannot contain braces (shared/ validates them).
--   room:{<room>}:meta    hash 'seq' (last seq), 'epoch', 'topic', 'listed' (the relay has put
--                         the room in `rooms` and `room-index`, see redis-room-index.ts)
--   room:{<room>}:log     stream '<seq>-0' -> {m = entry json}, trimmed to historyLimit (exact MAXLEN)
--   room:{<room>}:ids     zset id -> seq of the kept `text` entries that are not deleted: what a
--                         reply or a change may target
--   room:{<room>}:state   zset of state json scored by the seq of its `text` entry: the current
--                         state ({rev, text?, editedAt?, deleted?, reactions?}) of changed messages
--   room:{<room>}:reads   hash user id -> read position
--   room:{<room>}:dedupe:<user>:<clientId>  'seq id time[ targetSeq]' of the first attempt
--   room:{<room>}:advance  the shard pub/sub channel (SPUBLISH) of the room's advance signals
-- Keys of other slots are never touched here: the room lists `rooms` / `room-index`
-- (room-index.lua) are a separate step the relay runs around these scripts, and so is the
-- sender's token bucket on a Redis Cluster (token-bucket.lua; on one Redis the append scripts
-- take the token inline, bucket-step.lua); each non-atomicity that brings is argued where the
-- relay does it.
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

-- The room's meta fields, read once per append: {epoch, listed, seq, topic} (nil where unset;
-- these four are all the fields a meta hash has, so all nil means the room does not exist).
local function meta_of(metaKey)
  return redis.call('HMGET', metaKey, 'epoch', 'listed', 'seq', 'topic')
end
-- Whether the room must first be admitted by room-index.lua (MAX_ROOMS): it does not exist yet,
-- a bound is set (maxRooms > 0) and the relay has not admitted it for this call.
local function needs_admission(meta, admitted, maxRooms)
  return maxRooms > 0 and admitted ~= '1' and not (meta[1] or meta[2] or meta[3] or meta[4])
end
-- The entry's seq, as the string every later step writes: Lua formats a number with
-- sprintf('%.14g') at each concatenation; this formats it once, as an integer. Gives a new room its epoch (in
-- meta[1] too) and makes the room permanent with its first entry.
local function next_seq(metaKey, meta, newEpoch)
  local seq = redis.call('HINCRBY', metaKey, 'seq', 1)
  if not meta[1] then
    redis.call('HSET', metaKey, 'epoch', newEpoch)
    meta[1] = newEpoch
  end
  -- The room has history now: it stays (room-head.lua gave it a lifetime while it was empty).
  if seq == 1 then redis.call('PERSIST', metaKey) end
  return string.format('%d', seq)
end
-- The steps between an entry's own checks and its storing: the sender's token (taken here from
-- bucketKey when tokenTaken is 'take', bucket-step.lua, prepended before this file), a new room's
-- admission, the seq. Returns a refusal ({'rate_limited'} | {'admit'}), or nil, the room's meta
-- (meta_of) and the seq (next_seq).
local function take_admit_number(tokenTaken, bucketKey, ratePerSec, burst, metaKey, admitted, maxRooms, newEpoch)
  local taken = tokenTaken == '1'
  if tokenTaken == 'take' then taken = bucket_step(bucketKey, ratePerSec, burst, 1) == 1 end
  if not taken then return {'rate_limited'} end
  local meta = meta_of(metaKey)
  if needs_admission(meta, admitted, maxRooms) then return {'admit'} end
  return nil, meta, next_seq(metaKey, meta, newEpoch)
end
-- Appends the entry at `seq` (a string, from next_seq), drops what the trim took from the stream
-- (ids and states by score: seqs are gapless, so the stream keeps exactly seq - historyLimit + 1
-- .. seq), records the dedupe record and signals the advance. `meta` is meta_of's reply (its
-- epoch set by next_seq). Returns the script's 'stored' reply: with a fourth element 'unlisted'
-- while the room is not yet in the room lists (the relay then adds it).
local function store_entry(k, meta, seq, json, historyLimit, dedupeRecord, dedupeTtlSec, room, channel)
  redis.call('XADD', k.log, 'MAXLEN', historyLimit, seq .. '-0', 'm', json)
  local trimmed = tonumber(seq) - tonumber(historyLimit)
  if trimmed >= 1 then
    redis.call('ZREMRANGEBYSCORE', k.ids, '-inf', trimmed)
    redis.call('ZREMRANGEBYSCORE', k.state, '-inf', trimmed)
  end
  redis.call('SET', k.dedupe, dedupeRecord, 'EX', dedupeTtlSec)
  local epoch = meta[1]
  -- A shard channel of the room's own slot (room:{<room>}:advance): heard only by the replicas
  -- that follow the room, and allowed inside a script that touches the room's keys.
  redis.call('SPUBLISH', channel, room .. ' ' .. seq .. ' ' .. epoch .. ' ' .. json)
  if meta[2] then return {'stored', json, epoch} end
  return {'stored', json, epoch, 'unlisted'}
end
