-- Forgets a dead replica incarnation in one room: releases every user it holds there, for the
-- reaper (redis-presence-reaper.ts). Unlike presence-resync.lua it keeps, for a while, whom it
-- released, so that a reaper whose call ran but whose reply it never got (a timeout, a dropped
-- connection that ioredis then resends the call over) can still learn what to announce: the
-- second run finds the held set gone and, asked to replay, reports from that record instead of
-- reporting nothing, which would have left the users shown online in the room for good.
-- Needs presence-holds.lua (prepended by lua-scripts.ts).
--
-- KEYS[1] presence: room:{<room>}:presence
-- KEYS[2] order: room:{<room>}:presence:order
-- KEYS[3] recent: room:{<room>}:presence:recent
-- KEYS[4] held: room:{<room>}:presence:held:<inc>, what the incarnation holds in the room
-- KEYS[5] gone: room:{<room>}:presence:gone:<inc>, whom a run released (set, expires)
-- ARGV[1] room: the room
-- ARGV[2] replay: '1' when this caller's own earlier call may have run: users in `gone` that are
--         still absent are reported again ('0': a first call; a second reaper releasing the same
--         incarnation at once then reports nothing, so only one of them announces)
-- ARGV[3] goneTtlMs: how long `gone` is kept
-- Returns {transitions, released}: the cluster-wide transitions, flat {room, user, '0', count,
--   ...}, and every user released (flipped or not: their urooms entry goes too)

local presenceKey = KEYS[1]
local orderKey = KEYS[2]
local recentKey = KEYS[3]
local heldKey = KEYS[4]
local goneKey = KEYS[5]
local room = ARGV[1]
local replay = ARGV[2]
local goneTtlMs = ARGV[3]

local rk = { presence = presenceKey, order = orderKey, recent = recentKey, held = heldKey }
local released = redis.call('SMEMBERS', heldKey)
for _, user in ipairs(released) do
  release(rk, room, user)
  redis.call('SADD', goneKey, user)
end
if #released > 0 then
  redis.call('PEXPIRE', goneKey, goneTtlMs)
elseif replay == '1' then
  -- Reported again only while absent: a user who came back since was announced as arriving.
  released = redis.call('SMEMBERS', goneKey)
  for _, user in ipairs(released) do
    if redis.call('HEXISTS', presenceKey, user) == 0 then flip(rk, room, user, '0') end
  end
end
return { transitions, released }
