-- Claims the replica incarnations silent for longer than the timeout: unregisters them and
-- returns them, so exactly one reaper gets each even when every survivor reaps at once. The
-- claimer then releases what they held, room by room (redis-presence-reaper.ts); a claimer
-- that dies midway leaves held:<inc> keys of an unregistered incarnation, which the periodic
-- scan for orphans releases.
--
-- KEYS[1] replicas: zset incarnation -> last heartbeat (ms, Redis clock)
-- ARGV[1] timeoutMs: how long a replica may stay silent
-- Returns the claimed incarnations

local replicasKey = KEYS[1]
local timeoutMs = tonumber(ARGV[1])

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local dead = redis.call('ZRANGEBYSCORE', replicasKey, '-inf', now - timeoutMs)
for _, inc in ipairs(dead) do redis.call('ZREM', replicasKey, inc) end
return dead
