-- Moves a user's read position in a room forward (never back), to at most the room's last seq.
--
-- KEYS[1] meta: the room's hash: 'seq' (last seq)
-- KEYS[2] reads: the room's read positions, hash user id -> seq
-- ARGV[1] userId: the reader
-- ARGV[2] seq: the highest seq the user has seen
-- Returns {the user's read position after the call, 1 if it moved else 0}

local metaKey = KEYS[1]
local readsKey = KEYS[2]
local userId = ARGV[1]
local seq = tonumber(ARGV[2])

local last = tonumber(redis.call('HGET', metaKey, 'seq')) or 0
local current = tonumber(redis.call('HGET', readsKey, userId)) or 0
local wanted = math.min(seq, last)
if wanted > current then
  redis.call('HSET', readsKey, userId, wanted)
  return {wanted, 1}
end
return {current, 0}
