-- Releases everything held by replicas silent for longer than the timeout, and forgets them.
-- Atomic, so when several survivors reap at once exactly one gets the transitions.
-- Needs presence-holds.lua (prepended by lua-scripts.ts).
--
-- KEYS[1] replicas: zset replica -> last heartbeat (ms)
-- KEYS[2] prooms: the set of rooms with anyone present
-- ARGV[1] prefix: the relay's key prefix, for the keys of the dead replicas' holdings
-- ARGV[2] timeoutMs: how long a replica may stay silent
-- Returns the cluster-wide transitions, flat: {room, user, '0', count, ...}
-- Exception to "every key in KEYS": which replicas are dead, and what they held, is read inside
-- the script, so their held:<replica>, room:{<room>}:presence* and urooms:<user> keys are built here
-- from the prefix. A caller listing them first would race with heartbeats.

local replicasKey = KEYS[1]
local proomsKey = KEYS[2]
local prefix = ARGV[1]
local timeoutMs = tonumber(ARGV[2])

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for _, replica in ipairs(redis.call('ZRANGEBYSCORE', replicasKey, '-inf', now - timeoutMs)) do
  local heldKey = prefix .. 'held:' .. replica
  for _, field in ipairs(redis.call('HKEYS', heldKey)) do
    releaseHeldField(prefix, heldKey, proomsKey, field)
  end
  redis.call('DEL', heldKey)
  redis.call('ZREM', replicasKey, replica)
end
return transitions
