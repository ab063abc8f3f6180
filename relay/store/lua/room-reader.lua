-- What a room:join answer tells each of several users beyond the history: their read position,
-- the room's topic, and how many `text` entries by others after that position are not deleted
-- (counted up to a cap), read together so they agree. One call for a batch of joiners (a replica
-- restart fills `lobby` by the thousand): one command and one reply instead of a script per user.
-- Entries are matched by their JSON prefix '{"id":"<id>","seq":<seq>,"kind":"<kind>"' (see
-- room-stream.lua), not decoded; v1 entries stored before kinds existed count as text. The sender
-- is the entry's first '"user":{"id":' field: everything before it (id, seq, kind, rev, clientId,
-- room) holds no quotes of its own.
--
-- KEYS[1] meta: the room's hash: 'seq' (last seq), 'epoch', 'topic'
-- KEYS[2] log: the room's stream, entry ids '<seq>-0'
-- KEYS[3] ids: the room's kept, not deleted text entries, zset id -> seq
-- KEYS[4] reads: the room's read positions, hash user id -> seq
-- ARGV[1] upto: count entries up to this seq (the answer's lastSeq)
-- ARGV[2] cap: stop counting here
-- ARGV[1i+2] userId: reader i (i = 1 .. #ARGV - 2)
-- Returns {topic, readSeq 1, unread 1, readSeq 2, unread 2, ...}

local metaKey = KEYS[1]
local logKey = KEYS[2]
local idsKey = KEYS[3]
local readsKey = KEYS[4]
local upto = tonumber(ARGV[1])
local cap = tonumber(ARGV[2])

local function unreadAfter(userId, readSeq)
  local unread = 0
  local after = readSeq
  while unread < cap and after < upto do
    local entries = redis.call('XRANGE', logKey, (after + 1) .. '-0', upto .. '-0', 'COUNT', 200)
    if #entries == 0 then break end
    for _, entry in ipairs(entries) do
      local json = entry[2][2]
      local id, kind = string.match(json, '^{"id":"([^"]*)","seq":%d+,"kind":"(%a+)"')
      local sender = string.match(json, '"user":{"id":"([^"]*)"')
      if kind == nil then
        id = nil
        kind = 'text'
      end
      if kind == 'text' and sender ~= userId and (id == nil or redis.call('ZSCORE', idsKey, id)) then
        unread = unread + 1
        if unread >= cap then break end
      end
    end
    after = tonumber(string.match(entries[#entries][1], '^(%d+)'))
  end
  return unread
end

local result = { redis.call('HGET', metaKey, 'topic') or '' }
for i = 1, #ARGV - 2 do
  local userId = ARGV[1 * i + 2]
  local readSeq = tonumber(redis.call('HGET', readsKey, userId)) or 0
  result[2 * i] = readSeq
  result[2 * i + 1] = unreadAfter(userId, readSeq)
end
return result
