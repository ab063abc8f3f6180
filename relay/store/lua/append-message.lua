-- Appends one `text` entry to a room: dedupe -> reply target check -> rate limit -> seq -> store
-- -> remember clientId -> signal, atomically, so no other replica (and no crash of this one
-- half-way) can split a decision from its effects. The signal is published inside the script: a
-- replica that dies right after Redis stored the message cannot leave it unannounced. It carries
-- the message, so replicas that are up to date deliver it without reading the stream.
-- The steps themselves are in room-stream.lua (prepended), with the room's key layout.
--
-- KEYS[1] meta: the room's hash: 'seq' (last seq), 'epoch', 'topic'
-- KEYS[2] log: the room's stream, one entry '<seq>-0' -> {m = json} per entry
-- KEYS[3] dedupe: the sender's clientId in this room -> 'seq id time' of the first attempt (not
--         the message: 25 h of whole messages would outweigh the history itself)
-- KEYS[4] bucket: the sender's rate-limit token bucket, a hash {tokens, at}
-- KEYS[5] rooms: the set of rooms that have history
-- KEYS[6] ids: the room's kept, not deleted text entries, zset id -> seq
-- KEYS[7] state: the room's changed messages, zset of state json scored by seq
-- KEYS[8] roomIndex: zset of every room that exists, scored by when it expires (+inf: has history)
-- ARGV[1] jsonHead: the message JSON up to its seq, e.g. '{"id":"…","seq":'
-- ARGV[2] jsonTail: the rest of the JSON after ',"kind":"text","rev":<seq>'
-- ARGV[3] historyLimit: how many entries the stream keeps (XADD MAXLEN)
-- ARGV[4] dedupeTtlSec: how long a clientId is remembered
-- ARGV[5] newEpoch: the room's epoch when the room does not exist yet
-- ARGV[6] room: the room's name, for the rooms set and the signal
-- ARGV[7] channel: the pub/sub channel of the advance signal ('room seq epoch json')
-- ARGV[8] ratePerSec: tokens the bucket gains per second
-- ARGV[9] burst: the bucket's size
-- ARGV[10] dedupeTail: ' <id> <time>' of this message, the rest of its dedupe record
-- ARGV[11] id: this message's id (for ids)
-- ARGV[12] replyToId: the id of the message this one answers, '' for none
-- ARGV[13] replyToSeq: the seq the relay read for replyToId (must still be it)
-- ARGV[14] maxRooms: how many rooms may exist at once (0: no bound); an entry for a new room past it stores nothing
-- Returns {'duplicate', json, state json or ''} (the first attempt, still in the stream)
--       | {'duplicate_record', 'seq id time'} (the first attempt, trimmed from the stream since)
--       | {'rate_limited'} | {'room_limit'} | {'not_found'} (the reply's target is gone) | {'stored', json, epoch}

local metaKey = KEYS[1]
local logKey = KEYS[2]
local dedupeKey = KEYS[3]
local bucketKey = KEYS[4]
local roomsKey = KEYS[5]
local idsKey = KEYS[6]
local stateKey = KEYS[7]
local roomIndexKey = KEYS[8]
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
local id = ARGV[11]
local replyToId = ARGV[12]
local replyToSeq = ARGV[13]
local maxRooms = tonumber(ARGV[14])

local duplicate = duplicate_of(dedupeKey, logKey, stateKey)
if duplicate then return duplicate end

if replyToId ~= '' and redis.call('ZSCORE', idsKey, replyToId) ~= replyToSeq then return {'not_found'} end

if not take_token(bucketKey, ratePerSec, burst) then return {'rate_limited'} end
if not room_admitted(metaKey, roomIndexKey, room, maxRooms) then return {'room_limit'} end

local seq = next_seq(metaKey, newEpoch, roomIndexKey, room)
local json = jsonHead .. seq .. ',"kind":"text","rev":' .. seq .. jsonTail
redis.call('ZADD', idsKey, seq, id)
local keys = {meta = metaKey, log = logKey, dedupe = dedupeKey, rooms = roomsKey, ids = idsKey, state = stateKey}
local epoch = store_entry(keys, seq, json, historyLimit, seq .. dedupeTail, dedupeTtlSec, room, channel)
return {'stored', json, epoch}
