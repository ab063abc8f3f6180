-- Moves a user who just sent to the front of their room's newest arrivals (the join answer lists
-- "those online, most recently joined or sending first"); a user not present stays absent.
-- Needs presence-holds.lua (prepended by lua-scripts.ts) for arrivalScore.
--
-- KEYS[1] recent: room:{<room>}:presence:recent
-- ARGV[1] user: the user who sent
-- Returns 1 when the user was present (and moved), else 0

local recentKey = KEYS[1]
local user = ARGV[1]

if not redis.call('ZSCORE', recentKey, user) then return 0 end
redis.call('ZADD', recentKey, 'XX', arrivalScore(recentKey), user)
return 1
