-- Stores several users' names, each with the same lifetime: one command for the names a burst of
-- connections sets (a replica restart), where a pipeline made a command object per name. One
-- Redis or Sentinel only: the names sit in different slots, so on a Redis Cluster each is a SET
-- of its own (redis-user-store.ts).
--
-- KEYS[1i] key: name:<user id> of name i (i = 1 .. #KEYS)
-- ARGV[1] ttlSec: the names' lifetime (s)
-- ARGV[1i+1] name: name i
-- Returns the number of names stored

local ttlSec = ARGV[1]

for i = 1, #KEYS do redis.call('SET', KEYS[1 * i], ARGV[1 * i + 1], 'EX', ttlSec) end
return #KEYS
