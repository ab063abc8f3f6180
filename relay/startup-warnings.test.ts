import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { startupWarnings } from './startup-warnings.js';

describe('startup warnings', () => {
  it('says nothing for the defaults', () => {
    expect(startupWarnings(loadConfig({}))).toEqual([]);
  });

  it('reminds that RELAY_SECRET_PREVIOUS is for planned rotations only', () => {
    expect(startupWarnings(loadConfig({ RELAY_SECRET_PREVIOUS: 'p'.repeat(32) })).join('\n')).toMatch(/never after a leak/);
  });

  it('asks for ALLOWED_HOSTS when the relay listens beyond loopback without it', () => {
    expect(startupWarnings(loadConfig({ HOST: '0.0.0.0' })).join('\n')).toMatch(/Set ALLOWED_HOSTS/);
    expect(startupWarnings(loadConfig({ HOST: '0.0.0.0', ALLOWED_HOSTS: 'chat.example.com' }))).toEqual([]);
    expect(startupWarnings(loadConfig({ HOST: '::1' }))).toEqual([]);
  });

  it('has nothing to say about a Redis Cluster or one Redis: presence is cluster-wide on both', () => {
    const secret = { RELAY_SECRET: 's'.repeat(32) };
    expect(startupWarnings(loadConfig({ REDIS_CLUSTER_NODES: '127.0.0.1:7000', ...secret }))).toEqual([]);
    expect(startupWarnings(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', ...secret }))).toEqual([]);
  });
});
