-- Appends one `text` entry to a room: dedupe -> reply target check -> rate limit (the token is
-- taken here on one Redis, or by token-bucket.lua just before on a cluster) -> admission of a new room -> seq -> store
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
-- KEYS[4] ids: the room's kept, not deleted text entries, zset id -> seq
-- KEYS[5] state: the room's changed messages, zset of state json scored by seq
-- KEYS[6] bucket: the sender's token bucket when tokenTaken is 'take' (else any key of the room's
--         slot, unused: on a Redis Cluster the bucket lives on another shard)
-- ARGV[1] jsonHead: the message JSON up to its seq, e.g. '{"id":"…","seq":'
-- ARGV[2] jsonTail: the rest of the JSON after ',"kind":"text","rev":<seq>'
-- ARGV[3] historyLimit: how many entries the stream keeps (XADD MAXLEN)
-- ARGV[4] dedupeTtlSec: how long a clientId is remembered
-- ARGV[5] newEpoch: the room's epoch when the room does not exist yet
-- ARGV[6] room: the room's name, for the signal
-- ARGV[7] channel: the room's shard channel for the advance signal ('room seq epoch json')
-- ARGV[8] tokenTaken: '1' when token-bucket.lua gave the sender a token for this entry, '0' when
--         it had none, 'take' to take it here from KEYS[6] (one Redis: the bucket shares the server)
-- ARGV[9] dedupeTail: ' <id> <time>' of this message, the rest of its dedupe record
-- ARGV[10] id: this message's id (for ids)
-- ARGV[11] replyToId: the id of the message this one answers, '' for none
-- ARGV[12] replyToSeq: the seq the relay read for replyToId (must still be it)
-- ARGV[13] maxRooms: how many rooms may exist at once (0: no bound)
-- ARGV[14] admitted: '1' when room-index.lua admitted a new room for this entry (MAX_ROOMS)
-- ARGV[15] ratePerSec: the bucket's refill per second (with tokenTaken 'take')
-- ARGV[16] burst: the bucket's size (with tokenTaken 'take')
-- Returns {'duplicate', json, state json or ''} (the first attempt, still in the stream)
--       | {'duplicate_record', 'seq id time'} (the first attempt, trimmed from the stream since)
--       | {'rate_limited'} | {'admit'} (the relay must first admit the new room) | {'not_found'} (the reply's target is gone) | {'stored', seq, epoch[, 'unlisted']} (see store_entry)

local metaKey = KEYS[1]
local logKey = KEYS[2]
local dedupeKey = KEYS[3]
local idsKey = KEYS[4]
local stateKey = KEYS[5]
local bucketKey = KEYS[6]
local jsonHead = ARGV[1]
local jsonTail = ARGV[2]
local historyLimit = ARGV[3]
local dedupeTtlSec = ARGV[4]
local newEpoch = ARGV[5]
local room = ARGV[6]
local channel = ARGV[7]
local tokenTaken = ARGV[8]
local dedupeTail = ARGV[9]
local id = ARGV[10]
local replyToId = ARGV[11]
local replyToSeq = ARGV[12]
local maxRooms = tonumber(ARGV[13])
local admitted = ARGV[14]
local ratePerSec = tonumber(ARGV[15])
local burst = tonumber(ARGV[16])

local duplicate = duplicate_of(dedupeKey, logKey, stateKey)
if duplicate then return duplicate end

if replyToId ~= '' and redis.call('ZSCORE', idsKey, replyToId) ~= replyToSeq then return {'not_found'} end

local refused, meta, seq = take_admit_number(tokenTaken, bucketKey, ratePerSec, burst, metaKey, admitted, maxRooms, newEpoch)
if refused then return refused end
-- The relay makes the same string for its own members (entry-state.ts, textEntryJson).
local json = jsonHead .. seq .. ',"kind":"text","rev":' .. seq .. jsonTail
redis.call('ZADD', idsKey, seq, id)
local keys = {meta = metaKey, log = logKey, dedupe = dedupeKey, ids = idsKey, state = stateKey}
local stored = store_entry(keys, meta, seq, json, historyLimit, seq .. dedupeTail, dedupeTtlSec, room, channel)
-- The relay built this JSON around the seq: the seq is all it needs back (textEntry), not the
-- entry's bytes again, on every send.
stored[2] = tonumber(seq)
return stored
