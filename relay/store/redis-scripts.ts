/**
 * Lua scripts: each runs atomically inside Redis, so a decision and its effects cannot be split
 * by another replica or by this one dying half-way.
 */

/**
 * append: dedupe → rate limit → seq → store → remember clientId → signal, in one round trip.
 * The signal is published inside the script, so a replica that dies right after Redis stored
 * the message cannot leave it unannounced. It carries the message, so replicas that are up to
 * date deliver it without reading the stream.
 * KEYS: meta, log, dedupe, bucket, rooms
 * ARGV: jsonHead, jsonTail, historyLimit, dedupeTtlSec, newEpoch, room, channel, ratePerSec, burst
 * Returns {'duplicate', json} | {'rate_limited'} | {'stored', json, epoch}
 */
export const APPEND_LUA = `
local dup = redis.call('GET', KEYS[3])
if dup then return {'duplicate', dup} end
local rate = tonumber(ARGV[8])
local burst = tonumber(ARGV[9])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[4], 'tokens', 'at')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local ttl = math.ceil(burst / rate * 1000) + 1000
if tokens < 1 then
  redis.call('HSET', KEYS[4], 'tokens', tostring(tokens), 'at', now)
  redis.call('PEXPIRE', KEYS[4], ttl)
  return {'rate_limited'}
end
redis.call('HSET', KEYS[4], 'tokens', tostring(tokens - 1), 'at', now)
redis.call('PEXPIRE', KEYS[4], ttl)
redis.call('HSETNX', KEYS[1], 'epoch', ARGV[5])
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
local json = ARGV[1] .. seq .. ARGV[2]
redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[3], seq .. '-0', 'm', json)
redis.call('SET', KEYS[3], json, 'EX', ARGV[4])
redis.call('SADD', KEYS[5], ARGV[6])
local epoch = redis.call('HGET', KEYS[1], 'epoch')
redis.call('PUBLISH', ARGV[7], ARGV[6] .. ' ' .. seq .. ' ' .. epoch .. ' ' .. json)
return {'stored', json, epoch}
`;

/**
 * head: epoch (created when missing and ARGV[2] is '1', e.g. after Redis lost the room), last
 * seq, oldest kept seq. KEYS: meta, log   ARGV: newEpoch, create
 */
export const HEAD_LUA = `
if ARGV[2] == '1' then redis.call('HSETNX', KEYS[1], 'epoch', ARGV[1]) end
local m = redis.call('HMGET', KEYS[1], 'epoch', 'seq')
local first = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', 1)
local firstSeq = ''
if first[1] then firstSeq = first[1][1] end
return {m[1] or '', m[2] or '0', firstSeq}
`;
