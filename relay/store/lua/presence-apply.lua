-- Marks (room, user) pairs as held or released by one replica.
-- Needs presence-holds.lua (prepended by lua-scripts.ts).
--
-- KEYS[1] held: held:<replica>, what the replica holds
-- KEYS[2] prooms: the set of rooms with anyone present
-- KEYS[4i-1] presence: room:{<room>}:presence of change i (i = 1 .. #ARGV / 3)
-- KEYS[4i] order: room:{<room>}:presence:order of change i
-- KEYS[4i+1] recent: room:{<room>}:presence:recent of change i
-- KEYS[4i+2] urooms: urooms:<user> of change i
-- ARGV[3i-2] room: the room of change i
-- ARGV[3i-1] user: the user of change i
-- ARGV[3i] present: '1' to hold the pair, '0' to release it
-- Returns the cluster-wide transitions, flat: {room, user, '1' | '0', count, ...}

local heldKey = KEYS[1]
local proomsKey = KEYS[2]

for i = 1, #ARGV / 3 do
  local rk = { presence = KEYS[4 * i - 1], order = KEYS[4 * i], recent = KEYS[4 * i + 1] }
  local uroomsKey = KEYS[4 * i + 2]
  local room, user, present = ARGV[3 * i - 2], ARGV[3 * i - 1], ARGV[3 * i]
  if present == '1' then
    hold(heldKey, proomsKey, rk, uroomsKey, room, user)
  else
    release(heldKey, proomsKey, rk, uroomsKey, room, user)
  end
end
return transitions
