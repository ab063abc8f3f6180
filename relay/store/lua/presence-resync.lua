-- Replaces one replica's whole contribution with the pairs it holds now: releases what Redis
-- has for it but it no longer holds, then holds every pair (holding a held pair changes nothing).
-- Needs presence-holds.lua (prepended by lua-scripts.ts).
--
-- KEYS[1] held: held:<replica>, what Redis has for the replica
-- KEYS[2] prooms: the set of rooms with anyone present
-- KEYS[4i-1] presence: room:{<room>}:presence of pair i (i = 1 .. (#ARGV - 1) / 2)
-- KEYS[4i] order: room:{<room>}:presence:order of pair i
-- KEYS[4i+1] recent: room:{<room>}:presence:recent of pair i
-- KEYS[4i+2] urooms: urooms:<user> of pair i
-- ARGV[1] prefix: the relay's key prefix, for the keys of the pairs to release
-- ARGV[2i] room: the room of pair i
-- ARGV[2i+1] user: the user of pair i
-- Returns the cluster-wide transitions, flat: {room, user, '1' | '0', count, ...}
-- Exception to "every key in KEYS": the pairs to release are read from held:<replica> inside the
-- script, so their room:{<room>}:presence* and urooms:<user> keys are built here from the prefix.

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
  local rk = { presence = KEYS[4 * i - 1], order = KEYS[4 * i], recent = KEYS[4 * i + 1] }
  local uroomsKey = KEYS[4 * i + 2]
  local room, user = ARGV[2 * i], ARGV[2 * i + 1]
  hold(heldKey, proomsKey, rk, uroomsKey, room, user)
end
return transitions
