// The load balancer's configuration generator (npm run cluster and docker-compose.yml).
import { describe, expect, it } from 'vitest';
import { haproxyAccepts } from './support/haproxy-check.js';
import { parseServerStates, renderHaproxyConfig, type HaproxyOptions } from '../../scripts/cluster/haproxy-config.mjs';

const servers = [
  { name: 'relay-1', host: '127.0.0.1', port: 41001 },
  { name: 'relay-2', host: '127.0.0.1', port: 41002 },
];
const local: HaproxyOptions = { bind: { host: '127.0.0.1', port: 8080 }, servers, statsSocket: '/tmp/x/haproxy.sock' };
const lines = (config: string) => config.split('\n').map((l) => l.trim());


describe('renderHaproxyConfig', () => {
  it('binds the one public port and lists one health-checked server per replica', () => {
    const config = lines(renderHaproxyConfig(local));
    expect(config).toContain('bind 127.0.0.1:8080');
    expect(config).toContain('server relay-1 127.0.0.1:41001');
    expect(config).toContain('server relay-2 127.0.0.1:41002');
    expect(config.find((l) => l.startsWith('default-server'))).toMatch(/^default-server check inter 1000ms fall 2 rise 2$/);
  });

  it('routes only to replicas whose GET /readyz answers 200 (draining ones answer 503)', () => {
    const config = lines(renderHaproxyConfig(local));
    expect(config).toContain('option httpchk');
    expect(config).toContain('http-check send meth GET uri /readyz');
    expect(config).toContain('http-check expect status 200');
    expect(config).toContain('option redispatch');
  });

  it('keeps idle WebSockets open (tunnel timeout far above the 25 s ping) and needs no stickiness', () => {
    const config = renderHaproxyConfig(local);
    expect(lines(config)).toContain('timeout tunnel 1h');
    expect(config).not.toMatch(/\b(cookie|stick|balance source)\b/);
    expect(lines(config)).toContain('balance leastconn');
  });

  it("answers its own errors as the relay's JSON error shape", () => {
    const config = renderHaproxyConfig(local);
    const bodies = [...config.matchAll(/http-error status (\d+) content-type application\/json string '(.*)'/g)];
    expect(bodies.map((m) => m[1])).toEqual(['502', '503', '504']);
    for (const [, , body] of bodies) expect(JSON.parse(body as string)).toMatchObject({ error: { code: 'unavailable' } });
  });

  it('produces configurations HAProxy itself accepts, for the local cluster and for compose', () => {
    const plain = haproxyAccepts(renderHaproxyConfig(local));
    expect(plain.status, plain.stderr).toBe(0);
    const compose = haproxyAccepts(
      renderHaproxyConfig({ bind: { host: '0.0.0.0', port: 8080 }, servers: [{ name: 'relay-1', host: 'relay-1', port: 3000 }], dnsResolver: '127.0.0.11:53', logToStdout: true }),
    );
    expect(compose.status, compose.stderr).toBe(0);
  });

  it('refuses options that would produce a broken or injectable configuration', () => {
    expect(() => renderHaproxyConfig({ ...local, servers: [] })).toThrow(/at least one/);
    expect(() => renderHaproxyConfig({ ...local, servers: [servers[0]!, servers[0]!] })).toThrow(/Duplicate/);
    expect(() => renderHaproxyConfig({ ...local, servers: [{ name: 'a\n  bind 0.0.0.0:1', host: 'h', port: 1 }] })).toThrow(/Invalid server name/);
    expect(() => renderHaproxyConfig({ ...local, bind: { host: '127.0.0.1', port: 70000 } })).toThrow(/Invalid bind/);
    expect(() => renderHaproxyConfig({ ...local, checkIntervalMs: 5 })).toThrow(/checkIntervalMs/);
  });
});

describe('parseServerStates', () => {
  it("reads the relay servers' states from `show stat` output", () => {
    const csv = [
      '# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight',
      'relay-chat,FRONTEND,,,3,5,20000,9,0,0,0,0,0,,,,,OPEN,',
      'relays,relay-1,0,0,2,2,,5,0,0,,0,,0,0,0,0,UP,1',
      'relays,relay-2,0,0,0,1,,4,0,0,,0,,0,0,0,0,DOWN,1',
      'relays,BACKEND,0,0,2,3,2000,9,0,0,0,0,,0,0,0,0,UP,1',
      '',
    ].join('\n');
    expect(parseServerStates(csv)).toEqual([
      { name: 'relay-1', status: 'UP', currentSessions: 2 },
      { name: 'relay-2', status: 'DOWN', currentSessions: 0 },
    ]);
    expect(() => parseServerStates('nonsense')).toThrow(/Unexpected/);
  });
});
