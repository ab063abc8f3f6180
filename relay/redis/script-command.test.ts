import { Command, type Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { useRedisServer } from '../../test/support/redis-server.js';
import { keySlot } from './key-slot.js';
import { RedisScript } from './script-command.js';

const redisServer = useRedisServer();
const client = () => redisServer.connect();
// Lua calls stay in .lua files (test/architecture); this one only echoes its input.
const echo = new RedisScript("return {KEYS[1], ARGV[1], ARGV[2]}");

async function calls(redis: Redis, command: string): Promise<number> {
  return Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(await redis.info('commandstats'))?.[1] ?? 0);
}

describe('RedisScript', () => {
  it('writes the same request as ioredis does for EVALSHA, multi-byte text included', () => {
    const script = new RedisScript('return 1');
    const socket = {};
    script.request(socket, [script.sha, 1, 'k']); // the first on a socket is the EVAL
    const args = [script.sha, '2', 'room:{é}:meta', 'k2', 'text with ünïcödé and 😀', '42', '', 'é'.repeat(600), 'x'.repeat(12_345), 'y'.repeat(100_001)];
    expect(script.request(socket, args).toString('utf8')).toBe(new Command('evalsha', args).toWritable(socket as never));
  });

  it('hands ioredis only the SHA, numkeys and the first key (what routes it), and writes every argument', async () => {
    const command = echo.command([echo.sha, 2, 'room:{r}:a', 'room:{r}:b', 'x', 7]);
    expect(command.args).toEqual([echo.sha, '2', 'room:{r}:a']);
    expect(command.getSlot()).toBe(keySlot('r'));
    const written = command.toWritable({}).toString('utf8');
    expect(written).toBe(new Command('eval', [echo.lua, '2', 'room:{r}:a', 'room:{r}:b', 'x', '7']).toWritable({} as never));
    // And Redis gets all of them: ARGV included.
    expect(await (await client()).sendCommand(echo.command([echo.sha, 1, 'k', 'a', 'b']))).toEqual(['k', 'a', 'b']);
  });

  it('sends the source once per connection (EVAL), then EVALSHA, and answers both', async () => {
    const redis = await client();
    await redis.config('RESETSTAT');
    expect(await echo.run(redis, [echo.sha, 1, 'k', 'a', 'ü'])).toEqual(['k', 'a', 'ü']);
    expect(await echo.run(redis, [echo.sha, 1, 'k', 'b', 7])).toEqual(['k', 'b', '7']);
    expect([await calls(redis, 'eval'), await calls(redis, 'evalsha')]).toEqual([1, 1]);
    // A new connection has not seen it: EVAL again there.
    const other = await client();
    await other.config('RESETSTAT');
    await echo.run(other, [echo.sha, 1, 'k', 'c', 'd']);
    expect([await calls(other, 'eval'), await calls(other, 'evalsha')]).toEqual([1, 0]);
  });

  it('sends the source again after Redis forgot it (SCRIPT FLUSH) and still answers', async () => {
    const redis = await client();
    await echo.run(redis, [echo.sha, 1, 'k', 'a', 'b']);
    await redis.script('FLUSH');
    expect(await echo.run(redis, [echo.sha, 1, 'k', 'again', 'b'])).toEqual(['k', 'again', 'b']);
    // And from then on EVALSHA works again.
    await redis.config('RESETSTAT');
    expect(await echo.run(redis, [echo.sha, 1, 'k', 'then', 'b'])).toEqual(['k', 'then', 'b']);
    expect(await calls(redis, 'evalsha')).toBe(1);
  });

  it('sent by a caller that handles errors itself: unknownAfter(NOSCRIPT) makes the next request an EVAL', async () => {
    const redis = await client();
    await echo.run(redis, [echo.sha, 1, 'k', 'a', 'b']);
    await redis.script('FLUSH');
    const failed = await (redis.sendCommand(echo.command([echo.sha, 1, 'k', 'a', 'b'])) as Promise<unknown>).catch((error: unknown) => error);
    expect(echo.unknownAfter(new Error('ERR something else'))).toBe(false);
    expect(echo.unknownAfter(failed)).toBe(true);
    expect(await redis.sendCommand(echo.command([echo.sha, 1, 'k', 'after', 'b']))).toEqual(['k', 'after', 'b']);
  });

  it('passes a script error on', async () => {
    const redis = await client();
    const failing = new RedisScript("return redis.error_reply('ERR nope')");
    await expect(failing.run(redis, [failing.sha, 0])).rejects.toThrow('nope');
  });
});
