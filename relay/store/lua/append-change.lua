-- Appends one change entry ('edit', 'delete', 'reaction' or 'topic') to a room and updates its
-- target's current state in the same atomic step: dedupe -> target checks (kept and not
-- deleted, author, edit window) -> reaction no-op and count -> rate limit (the token is taken
-- here on one Redis, or by token-bucket.lua just before on a cluster) -> admission of a new room -> seq -> store ->
-- target state -> remember clientId -> signal. A repeat (same user and clientId) is answered
-- before any check, as the contract asks. The entry carries the state it results in (a
-- reaction's users after it), so clients can apply it more than once. The shared steps and the
-- room's key layout are in room-stream.lua (prepended).
--
-- KEYS[1] meta: the room's hash: 'seq' (last seq), 'epoch', 'topic'
-- KEYS[2] log: the room's stream, one entry '<seq>-0' -> {m = json} per entry
-- KEYS[3] dedupe: the sender's clientId in this room -> 'seq id time targetSeq' of the first attempt
-- KEYS[4] ids: the room's kept, not deleted text entries, zset id -> seq
-- KEYS[5] state: the room's changed messages, zset of state json scored by seq
-- KEYS[6] bucket: the sender's token bucket when tokenTaken is 'take' (else any key of the room's
--         slot, unused: on a Redis Cluster the bucket lives on another shard)
-- ARGV[1] jsonHead: the entry JSON up to its seq, e.g. '{"id":"…","seq":'
-- ARGV[2] jsonTail: the JSON after the seq, without the target part and the closing brace
-- ARGV[3] historyLimit: how many entries the stream keeps (XADD MAXLEN)
-- ARGV[4] dedupeTtlSec: how long a clientId is remembered
-- ARGV[5] newEpoch: the room's epoch when the room does not exist yet
-- ARGV[6] room: the room's name, for the signal
-- ARGV[7] channel: the room's shard channel for the advance signal ('room seq epoch json')
-- ARGV[8] tokenTaken: '1' when token-bucket.lua gave the sender a token for this entry, '0' when
--         it had none, 'take' to take it here from KEYS[6] (one Redis: the bucket shares the server)
-- ARGV[9] dedupeTail: ' <id> <time>' of this entry, the rest of its dedupe record
-- ARGV[10] kind: 'edit' | 'delete' | 'reaction' | 'topic'
-- ARGV[11] targetId: the target message's id ('' for a topic)
-- ARGV[12] targetIdJson: targetId as a JSON string
-- ARGV[13] userId: the sender
-- ARGV[14] text: edit: the new text; topic: the new topic
-- ARGV[15] time: this entry's time (an edit's editedAt)
-- ARGV[16] editCutoff: an edit's target must have been sent at or after this ISO time
-- ARGV[17] emoji: reaction: which one
-- ARGV[18] emojiJson: emoji as a JSON string
-- ARGV[19] on: reaction: '1' to react, '0' to take it back
-- ARGV[20] reactionsMax: distinct emoji a message may carry
-- ARGV[21] maxRooms: how many rooms may exist at once (0: no bound)
-- ARGV[22] admitted: '1' when room-index.lua admitted a new room for this entry (MAX_ROOMS)
-- ARGV[23] ratePerSec: the bucket's refill per second (with tokenTaken 'take')
-- ARGV[24] burst: the bucket's size (with tokenTaken 'take')
-- Returns {'duplicate', json, state json or ''} | {'duplicate_record', 'seq id time targetSeq'}
--       | {'not_found'} | {'forbidden'} | {'too_late'} | {'too_many_reactions'} | {'rate_limited'} | {'admit'} (the relay must first admit the new room)
--       | {'unchanged', target json, state json or ''} (a reaction that already holds)
--       | {'stored', json, epoch[, 'unlisted']} (see store_entry)

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
local kind = ARGV[10]
local targetId = ARGV[11]
local targetIdJson = ARGV[12]
local userId = ARGV[13]
local text = ARGV[14]
local time = ARGV[15]
local editCutoff = ARGV[16]
local emoji = ARGV[17]
local emojiJson = ARGV[18]
local on = ARGV[19]
local reactionsMax = tonumber(ARGV[20])
local maxRooms = tonumber(ARGV[21])
local admitted = ARGV[22]
local ratePerSec = tonumber(ARGV[23])
local burst = tonumber(ARGV[24])

local reacting = on == '1'

local duplicate = duplicate_of(dedupeKey, logKey, stateKey)
if duplicate then return duplicate end

local targetSeq = ''
local targetJson = ''
local state = nil
local users = nil
if kind ~= 'topic' then
  targetSeq = redis.call('ZSCORE', idsKey, targetId)
  if not targetSeq then return {'not_found'} end
  targetJson = redis.call('XRANGE', logKey, targetSeq .. '-0', targetSeq .. '-0')[1][2][2]
  local target = cjson.decode(targetJson)
  if kind ~= 'reaction' and target.user.id ~= userId then return {'forbidden'} end
  if kind == 'edit' and target.time < editCutoff then return {'too_late'} end
  local stateJson = state_at(stateKey, targetSeq)
  if stateJson ~= '' then state = cjson.decode(stateJson) else state = {} end
  if kind == 'reaction' then
    local reactions = state.reactions or {}
    local at = nil
    for i, reaction in ipairs(reactions) do
      if reaction.emoji == emoji then at = i end
    end
    local current = {}
    if at then current = reactions[at].users end
    local mine = nil
    for i, user in ipairs(current) do
      if user == userId then mine = i end
    end
    if (mine ~= nil) == reacting then return {'unchanged', targetJson, stateJson} end
    if reacting and not at and #reactions >= reactionsMax then return {'too_many_reactions'} end
    if reacting then
      table.insert(current, userId)
    else
      table.remove(current, mine)
    end
    -- An emoji keeps its place; one left without users goes (as entry-changes.ts does).
    if not at then
      table.insert(reactions, {emoji = emoji, users = current})
    elseif #current == 0 then
      table.remove(reactions, at)
    end
    if #reactions > 0 then state.reactions = reactions else state.reactions = nil end
    users = current
  end
end

local refused, meta, seq = take_admit_number(tokenTaken, bucketKey, ratePerSec, burst, metaKey, admitted, maxRooms, newEpoch)
if refused then return refused end
local json = jsonHead .. seq .. jsonTail
if kind ~= 'topic' then
  json = json .. ',"target":{"id":' .. targetIdJson .. ',"seq":' .. targetSeq .. '}'
end
if kind == 'reaction' then
  -- cjson writes an empty table as {}, so an empty user list is written by hand.
  local usersJson = '[]'
  if #users > 0 then usersJson = cjson.encode(users) end
  json = json .. ',"emoji":' .. emojiJson .. ',"users":' .. usersJson
end
json = json .. '}'

if kind == 'topic' then
  redis.call('HSET', metaKey, 'topic', text)
else
  if kind == 'edit' then
    state.text = text
    state.editedAt = time
  elseif kind == 'delete' then
    state = {deleted = true}
    redis.call('ZREM', idsKey, targetId)
  end
  state.rev = tonumber(seq)
  redis.call('ZREMRANGEBYSCORE', stateKey, targetSeq, targetSeq)
  redis.call('ZADD', stateKey, targetSeq, cjson.encode(state))
end

local keys = {meta = metaKey, log = logKey, dedupe = dedupeKey, ids = idsKey, state = stateKey}
local record = seq .. dedupeTail
if targetSeq ~= '' then record = record .. ' ' .. targetSeq end
return store_entry(keys, meta, seq, json, historyLimit, record, dedupeTtlSec, room, channel)
