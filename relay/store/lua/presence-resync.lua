-- Sets what one replica incarnation holds in one room to exactly the given users: releases the
-- others it holds there, then holds these (holding a held user changes nothing). With no users
-- it forgets the incarnation in the room: a clean shutdown (the reaper forgets a dead replica's
-- rooms with presence-forget.lua, which also keeps a record of whom it released).
-- Needs presence-holds.lua (prepended by lua-scripts.ts).
--
-- KEYS[1] presence: room:{<room>}:presence
-- KEYS[2] order: room:{<room>}:presence:order
-- KEYS[3] recent: room:{<room>}:presence:recent
-- KEYS[4] held: room:{<room>}:presence:held:<inc>, what the incarnation holds in the room
-- ARGV[1] room: the room
-- ARGV[1i+1] user: user i to hold (i = 1 .. #ARGV - 1)
-- Returns {transitions, released}: the cluster-wide transitions, flat {room, user, '1' | '0',
--   count, ...}, and every user released (flipped or not: their urooms entry goes too)

local presenceKey = KEYS[1]
local orderKey = KEYS[2]
local recentKey = KEYS[3]
local heldKey = KEYS[4]
local room = ARGV[1]

local rk = { presence = presenceKey, order = orderKey, recent = recentKey, held = heldKey }
local wanted = {}
for i = 1, #ARGV - 1 do wanted[ARGV[1 * i + 1]] = true end
local released = {}
for _, user in ipairs(redis.call('SMEMBERS', heldKey)) do
  if not wanted[user] then
    release(rk, room, user)
    table.insert(released, user)
  end
end
for i = 1, #ARGV - 1 do hold(rk, room, ARGV[1 * i + 1]) end
return { transitions, released }
