-- A sender's rate-limit token bucket as its own step, just before a room's append script: the
-- bucket is per user and the append is per room, so in a Redis Cluster they live on different
-- shards and no one script may touch both. The append script is told whether a token was taken
-- (its tokenTaken argument) and still answers a duplicate first. On one Redis the append scripts
-- take the token themselves instead (bucket-step.lua, prepended to both).
--
-- KEYS[1] bucket: the sender's bucket, a hash {tokens, at}
-- ARGV[1] ratePerSec: tokens the bucket gains per second
-- ARGV[2] burst: the bucket's size
-- ARGV[3] take: n > 0 takes up to n whole tokens (the relay keeps those beyond the first for the
--         user's next sends, redis-rate-limit.ts); n < 0 gives -n back (an entry was refused by a
--         check that comes before the rate limit, or spares went unused)
-- Returns how many tokens were taken (0 when none was left), or given back

local bucketKey = KEYS[1]
local ratePerSec = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local take = tonumber(ARGV[3])

return bucket_step(bucketKey, ratePerSec, burst, take)
