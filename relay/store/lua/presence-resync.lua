-- Replaces one replica's whole contribution with the pairs it holds now: releases what Redis
-- has for it but it no longer holds, then holds every pair (holding a held pair changes nothing).
-- Needs presence-holds.lua (prepended by lua-scripts.ts).
--
-- KEYS[1] held: held:<replica>, what Redis has for the replica
-- KEYS[2] prooms: the set of rooms with anyone present
-- KEYS[2i+1] presence: presence:<room> of pair i (i = 1 .. (#ARGV - 1) / 2)
-- KEYS[2i+2] urooms: urooms:<user> of pair i
-- ARGV[1] prefix: the relay's key prefix, for the keys of the pairs to release
-- ARGV[2i] room: the room of pair i
-- ARGV[2i+1] user: the user of pair i
-- Returns the cluster-wide transitions, flat: {room, user, '1' | '0', ...}
-- Exception to "every key in KEYS": the pairs to release are read from held:<replica> inside the
-- script, so their presence:<room> and urooms:<user> keys are built here from the prefix.

local heldKey = KEYS[1]
local proomsKey = KEYS[2]
local prefix = ARGV[1]
local pairCount = (#ARGV - 1) / 2

local wanted = {}
for i = 1, pairCount do wanted[ARGV[2 * i] .. '\n' .. ARGV[2 * i + 1]] = true end
for _, field in ipairs(redis.call('HKEYS', heldKey)) do
  if not wanted[field] then releaseHeldField(prefix, heldKey, proomsKey, field) end
end
for i = 1, pairCount do
  local presenceKey, uroomsKey = KEYS[2 * i + 1], KEYS[2 * i + 2]
  local room, user = ARGV[2 * i], ARGV[2 * i + 1]
  hold(heldKey, proomsKey, presenceKey, uroomsKey, room, user)
end
return transitions
