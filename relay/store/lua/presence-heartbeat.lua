-- Records a replica as alive now (Redis clock, so replicas' clocks need not agree).
--
-- KEYS[1] replicas: zset incarnation -> last heartbeat (ms)
-- ARGV[1] replica: the replica's current incarnation (its id and when it registered)
-- Returns 1 when the incarnation was not registered (new, reaped or Redis lost it), else 0

local replicasKey = KEYS[1]
local replica = ARGV[1]

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return redis.call('ZADD', replicasKey, now, replica)
