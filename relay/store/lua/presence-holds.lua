-- Reference-counted presence, shared by the presence-*.lua scripts that hold or release.
-- lua-scripts.ts prepends this file to them: one copy of the counting rules instead of one per
-- script that could drift apart (an EVAL script cannot call another script). It defines
-- functions only and reads no KEYS or ARGV: each script names its own arguments and passes
-- the keys it was given. Redis reports errors with line numbers of the joined source.
--
-- Layout (every key under the relay's prefix):
--   held:<replica>   hash "room\nuser" -> 1: what that replica holds
--   presence:<room>  hash user -> number of replicas holding the user in the room
--   urooms:<user>    set of the rooms the user is present in
--   prooms           set of the rooms with anyone present
--   replicas         zset replica -> its last heartbeat (ms, Redis clock)
--
-- hold and release add a transition {room, user, '1' | '0'} to `transitions` (flat) when a
-- user's presence in a room starts or ends cluster-wide; the scripts return that list.

local transitions = {}

local function hold(heldKey, proomsKey, presenceKey, uroomsKey, room, user)
  if redis.call('HSETNX', heldKey, room .. '\n' .. user, 1) == 1 then
    if redis.call('HINCRBY', presenceKey, user, 1) == 1 then
      redis.call('SADD', uroomsKey, room)
      redis.call('SADD', proomsKey, room)
      table.insert(transitions, room); table.insert(transitions, user); table.insert(transitions, '1')
    end
  end
end

local function release(heldKey, proomsKey, presenceKey, uroomsKey, room, user)
  if redis.call('HDEL', heldKey, room .. '\n' .. user) == 1 then
    if redis.call('HINCRBY', presenceKey, user, -1) <= 0 then
      redis.call('HDEL', presenceKey, user)
      redis.call('SREM', uroomsKey, room)
      if redis.call('EXISTS', presenceKey) == 0 then redis.call('SREM', proomsKey, room) end
      table.insert(transitions, room); table.insert(transitions, user); table.insert(transitions, '0')
    end
  end
end

-- Releases one field "room\nuser" read from a held:<replica> hash. Its room and user are known
-- only now, inside the script, so their keys are built here from the prefix: the exception to
-- "every key in KEYS" that the scripts using this name in their headers.
local function releaseHeldField(prefix, heldKey, proomsKey, field)
  local at = string.find(field, '\n', 1, true)
  local room, user = string.sub(field, 1, at - 1), string.sub(field, at + 1)
  release(heldKey, proomsKey, prefix .. 'presence:' .. room, prefix .. 'urooms:' .. user, room, user)
end
