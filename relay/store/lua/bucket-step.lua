-- A sender's rate-limit token bucket (mirrors token-bucket.ts), as one function shared by
-- token-bucket.lua (its own step, where the bucket and the room live on different Redis Cluster
-- shards) and the append scripts (inline, on one Redis or Sentinel, where both share the server:
-- a round trip less per send). lua-scripts.ts prepends this file. Functions only: it reads no
-- KEYS or ARGV of its own.

-- take n > 0 takes up to n whole tokens, n < 0 gives -n back. Returns how many tokens were taken
-- (0 when none was left), or given back.
local function bucket_step(bucketKey, ratePerSec, burst, take)
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  local bucket = redis.call('HMGET', bucketKey, 'tokens', 'at')
  local tokens = tonumber(bucket[1]) or burst
  local at = tonumber(bucket[2]) or now
  tokens = math.min(burst, tokens + math.max(0, now - at) * ratePerSec / 1000)
  local bucketTtlMs = math.ceil(burst / ratePerSec * 1000) + 1000
  local done
  if take > 0 then
    done = math.min(take, math.floor(tokens))
    tokens = tokens - done
  else
    done = -take
    tokens = math.min(burst, tokens + done)
  end
  -- Numbers, not tostring(): Lua formats with sprintf('%.14g'), which for a fraction costs about
  -- 3 µs on every send (measured); Redis formats a number argument itself, and exactly.
  redis.call('HSET', bucketKey, 'tokens', tokens, 'at', now)
  redis.call('PEXPIRE', bucketKey, bucketTtlMs)
  return done
end
