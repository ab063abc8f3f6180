-- Forgets one replica entirely (its clean shutdown): releases all it holds, unregisters it.
-- Needs presence-holds.lua (prepended by lua-scripts.ts).
--
-- KEYS[1] held: held:<replica>, what the replica holds
-- KEYS[2] prooms: the set of rooms with anyone present
-- KEYS[3] replicas: zset replica -> last heartbeat (ms)
-- ARGV[1] prefix: the relay's key prefix, for the keys of the replica's holdings
-- ARGV[2] replica: the replica's id
-- Returns the cluster-wide transitions, flat: {room, user, '0', count, ...}
-- Exception to "every key in KEYS": the pairs to release are read from held:<replica> inside the
-- script, so their room:{<room>}:presence* and urooms:<user> keys are built here from the prefix.

local heldKey = KEYS[1]
local proomsKey = KEYS[2]
local replicasKey = KEYS[3]
local prefix = ARGV[1]
local replica = ARGV[2]

for _, field in ipairs(redis.call('HKEYS', heldKey)) do
  releaseHeldField(prefix, heldKey, proomsKey, field)
end
redis.call('ZREM', replicasKey, replica)
return transitions
