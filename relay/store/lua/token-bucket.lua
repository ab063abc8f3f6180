-- A sender's rate-limit token bucket (mirrors token-bucket.ts), taken as its own step just before
-- a room's append script: the bucket is per user and the append is per room, so in a Redis
-- Cluster they live on different shards and no one script may touch both. The append script is
-- told whether a token was taken (its tokenTaken argument) and still answers a duplicate first.
--
-- KEYS[1] bucket: the sender's bucket, a hash {tokens, at}
-- ARGV[1] ratePerSec: tokens the bucket gains per second
-- ARGV[2] burst: the bucket's size
-- ARGV[3] take: '1' takes a token; '0' gives one back (the entry it was taken for was refused
--         by a check that comes before the rate limit, so it must not have cost one)
-- Returns 1 when a token was taken (or given back), 0 when none was left

local bucketKey = KEYS[1]
local ratePerSec = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local take = ARGV[3]

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local bucket = redis.call('HMGET', bucketKey, 'tokens', 'at')
local tokens = tonumber(bucket[1]) or burst
local at = tonumber(bucket[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * ratePerSec / 1000)
local bucketTtlMs = math.ceil(burst / ratePerSec * 1000) + 1000
local done = 1
if take == '1' then
  if tokens >= 1 then tokens = tokens - 1 else done = 0 end
else
  tokens = math.min(burst, tokens + 1)
end
redis.call('HSET', bucketKey, 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', bucketKey, bucketTtlMs)
return done
