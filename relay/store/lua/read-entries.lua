-- Reads a page of a room's stream together with the current state of its `text` entries, so a
-- history page costs one round trip and shows every message as of one moment.
--
-- KEYS[1] log: the room's stream, entry ids '<seq>-0'
-- KEYS[2] state: the room's changed messages, zset of state json scored by seq
-- ARGV[1] from: the lowest seq wanted
-- ARGV[2] upto: the highest seq wanted ('+' for no bound)
-- ARGV[3] count: at most this many entries
-- ARGV[4] newest: '1' for the newest `count` entries up to `upto`, '0' for the oldest from `from`
-- Returns {json, state json or '', json, state json or '', …}, oldest first

local logKey = KEYS[1]
local stateKey = KEYS[2]
local from = ARGV[1]
local upto = ARGV[2]
local count = ARGV[3]
local newest = ARGV[4]

local entries
if newest == '1' then
  entries = redis.call('XREVRANGE', logKey, upto, from, 'COUNT', count)
else
  entries = redis.call('XRANGE', logKey, from, upto, 'COUNT', count)
end
if #entries == 0 then return {} end

local low = tonumber(string.match(entries[1][1], '^(%d+)'))
local high = tonumber(string.match(entries[#entries][1], '^(%d+)'))
if low > high then low, high = high, low end
local states = {}
local found = redis.call('ZRANGEBYSCORE', stateKey, low, high, 'WITHSCORES')
for i = 1, #found, 2 do states[tonumber(found[i + 1])] = found[i] end

local reply = {}
local first, last, step = 1, #entries, 1
if newest == '1' then first, last, step = #entries, 1, -1 end
for i = first, last, step do
  local seq = tonumber(string.match(entries[i][1], '^(%d+)'))
  table.insert(reply, entries[i][2][2])
  table.insert(reply, states[seq] or '')
end
return reply
