-- Adds the rename index's entries of several holds: field '<room>\n<incarnation>' of each user's
-- urooms:{<user>} hash (redis-presence-store.ts). One command for a batch of arrivals, where a
-- pipeline made a command object per entry. One Redis or Sentinel only: each user's hash has its
-- own slot, so on a Redis Cluster each entry is an HSET of its own.
--
-- KEYS[1i] urooms: urooms:{<user>} of entry i (i = 1 .. #KEYS)
-- ARGV[1i] field: '<room>\n<incarnation>' of entry i
-- Returns the number of entries

for i = 1, #KEYS do redis.call('HSET', KEYS[1 * i], ARGV[1 * i], 1) end
return #KEYS
