-- Marks users of one room as held or released by one replica incarnation.
-- Needs presence-holds.lua (prepended by lua-scripts.ts).
--
-- KEYS[1] presence: room:{<room>}:presence
-- KEYS[2] order: room:{<room>}:presence:order
-- KEYS[3] recent: room:{<room>}:presence:recent
-- KEYS[4] held: room:{<room>}:presence:held:<inc>, what the incarnation holds in the room
-- ARGV[1] room: the room
-- ARGV[2i] user: the user of change i (i = 1 .. (#ARGV - 1) / 2)
-- ARGV[2i+1] present: '1' to hold the user, '0' to release them
-- Returns the cluster-wide transitions, flat: {room, user, '1' | '0', count, ...}

local presenceKey = KEYS[1]
local orderKey = KEYS[2]
local recentKey = KEYS[3]
local heldKey = KEYS[4]
local room = ARGV[1]

local rk = { presence = presenceKey, order = orderKey, recent = recentKey, held = heldKey }
for i = 1, (#ARGV - 1) / 2 do
  local user, present = ARGV[2 * i], ARGV[2 * i + 1]
  if present == '1' then hold(rk, room, user) else release(rk, room, user) end
end
return transitions
