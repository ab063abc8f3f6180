-- A room's newest arrivals and everyone's count, read at one point between two presence scripts
-- (what MULTI with ZREVRANGE and HLEN gave, with a reply ioredis hands over as strings: the
-- transaction's reply came as Buffers that it then copied into strings, per join batch).
--
-- KEYS[1] presence: room:{<room>}:presence (user -> holders)
-- KEYS[2] recent: room:{<room>}:presence:recent (user -> arrival score)
-- ARGV[1] limit: how many of the newest arrivals
-- Returns {count, newest user id, next newest, ...} (at most limit ids)

local presenceKey = KEYS[1]
local recentKey = KEYS[2]
local limit = tonumber(ARGV[1])

local reply = redis.call('ZREVRANGE', recentKey, 0, limit - 1)
table.insert(reply, 1, redis.call('HLEN', presenceKey))
return reply
