import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('relay config', () => {
  it('defaults to the embedded single-process mode on port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', redis: undefined, historyLimit: 10_000, nameApiUrl: 'https://randomuser.me/api/' });
    expect(config.secret).toHaveLength(64);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('requires a shared RELAY_SECRET with Redis, and says how to make one', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/RELAY_SECRET.*openssl rand -hex 32/s);
    const config = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', RELAY_SECRET: 'x'.repeat(32) });
    expect(config.redis).toEqual({ kind: 'url', url: 'redis://127.0.0.1:6379' });
  });

  it('reads Sentinel settings', () => {
    const config = loadConfig({ REDIS_SENTINELS: '10.0.0.1:26379, sentinel-b:26380', REDIS_SENTINEL_NAME: 'chat', RELAY_SECRET: 'y'.repeat(40) });
    expect(config.redis).toEqual({ kind: 'sentinel', name: 'chat', sentinels: [{ host: '10.0.0.1', port: 26379 }, { host: 'sentinel-b', port: 26380 }] });
  });

  it('reads Redis Cluster seed nodes with the password, and refuses them next to REDIS_URL or Sentinels', () => {
    const secret = { RELAY_SECRET: 'z'.repeat(32) };
    const config = loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000,redis-b:7001', REDIS_PASSWORD: 'pw', ...secret });
    expect(config.redis).toEqual({ kind: 'cluster', nodes: [{ host: '10.0.0.1', port: 7000 }, { host: 'redis-b', port: 7001 }], password: 'pw' });
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000' })).toThrow(/RELAY_SECRET/);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000', REDIS_URL: 'redis://x:6379', ...secret })).toThrow(/REDIS_CLUSTER_NODES.*replaces REDIS_URL and REDIS_SENTINELS/);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000', REDIS_SENTINELS: 's:26379', ...secret })).toThrow(/unset those/);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1', ...secret })).toThrow(/REDIS_CLUSTER_NODES must be "host:port,host:port"/);
  });

  it('fails fast with every problem named', () => {
    try {
      loadConfig({ PORT: 'eighty', HISTORY_LIMIT: '5', LOG_LEVEL: 'loud', ALLOWED_ORIGINS: 'not an origin', ALLOWED_HOSTS: 'https://chat.example.com', REDIS_URL: 'http://x' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const text = (error as Error).message;
      for (const name of ['PORT', 'HISTORY_LIMIT', 'LOG_LEVEL', 'ALLOWED_ORIGINS', 'ALLOWED_HOSTS', 'REDIS_URL']) expect(text).toContain(name);
    }
  });

  it('normalises allowed origins', () => {
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://chat.example.com/, http://localhost:5173' }).allowedOrigins).toEqual(['https://chat.example.com', 'http://localhost:5173']);
  });

  it('reads ALLOWED_HOSTS as lower-case host names and says what a bad entry should look like', () => {
    expect(loadConfig({ ALLOWED_HOSTS: ' Chat.Example.com, relay.internal. ' }).allowedHosts).toEqual(['chat.example.com', 'relay.internal']);
    expect(loadConfig({}).allowedHosts).toEqual([]);
    for (const bad of ['chat.example.com:443', 'https://chat.example.com', '*.example.com', 'a b']) {
      expect(() => loadConfig({ ALLOWED_HOSTS: bad })).toThrow(/ALLOWED_HOSTS entries must be host names like chat\.example\.com/);
    }
  });

  it('serves metrics on port 9464 unless METRICS_PORT says otherwise (0: off), never on PORT', () => {
    expect(loadConfig({}).metricsPort).toBe(9464);
    expect(loadConfig({ METRICS_PORT: '0' }).metricsPort).toBe(0);
    expect(() => loadConfig({ PORT: '4000', METRICS_PORT: '4000' })).toThrow(/METRICS_PORT must differ from PORT/);
  });

  it('sends presence notices up to 100 users and a count every 5 s above, both configurable within bounds', () => {
    expect(loadConfig({})).toMatchObject({ presenceNoticeMax: 100, presenceCountMs: 5000 });
    expect(loadConfig({ PRESENCE_NOTICE_MAX: '5', PRESENCE_COUNT_MS: '300' })).toMatchObject({ presenceNoticeMax: 5, presenceCountMs: 300 });
    expect(() => loadConfig({ PRESENCE_NOTICE_MAX: '-1' })).toThrow(/PRESENCE_NOTICE_MAX must be a whole number from 0 to 1000000/);
    expect(() => loadConfig({ PRESENCE_COUNT_MS: '50' })).toThrow(/PRESENCE_COUNT_MS must be a whole number from 100 to 60000/);
  });
});
