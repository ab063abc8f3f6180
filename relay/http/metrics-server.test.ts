import { createServer } from 'node:net';
import { Counter, Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { httpGet } from '../../test/support/http-get.js';
import { createLogger } from '../logger.js';
import { createMetricsServer, MetricsListenError, type MetricsServer } from './metrics-server.js';

const logger = createLogger({ level: 'silent', replicaId: 'test' });

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const get = (port: number, path: string, host = `127.0.0.1:${port}`) => httpGet(`http://127.0.0.1:${port}${path}`, { host });

describe('metrics server', () => {
  let server: MetricsServer | undefined;
  afterEach(() => server?.close());

  it('serves GET /metrics on its own port, nothing else, and only to known Host names', async () => {
    const registry = new Registry();
    new Counter({ name: 'relay_test_total', help: 'a test counter', registers: [registry] }).inc(3);
    const port = await freePort();
    server = createMetricsServer(registry, { host: '127.0.0.1', metricsPort: port, allowedHosts: [] }, logger);
    expect(await server.listen()).toMatchObject({ port });
    expect(await get(port, '/metrics')).toMatchObject({ status: 200, body: expect.stringContaining('relay_test_total 3') });
    expect(await get(port, '/metrics?x=1', `localhost:${port}`)).toMatchObject({ status: 200 });
    expect(await get(port, '/')).toMatchObject({ status: 404 });
    expect(await get(port, '/api/rooms')).toMatchObject({ status: 404 });
    expect(await get(port, '/metrics', `rebound.example:${port}`)).toMatchObject({ status: 403, body: expect.stringContaining('forbidden_host') });
  });

  it('is off with METRICS_PORT 0, and says which setting to change when its port is taken', async () => {
    server = createMetricsServer(new Registry(), { host: '127.0.0.1', metricsPort: 0, allowedHosts: [] }, logger);
    expect(await server.listen()).toBeUndefined();
    const port = await freePort();
    const first = createMetricsServer(new Registry(), { host: '127.0.0.1', metricsPort: port, allowedHosts: [] }, logger);
    await first.listen();
    try {
      const second = createMetricsServer(new Registry(), { host: '127.0.0.1', metricsPort: port, allowedHosts: [] }, logger);
      await expect(second.listen()).rejects.toThrow(MetricsListenError);
      await expect(second.listen()).rejects.toThrow(/METRICS_PORT/);
    } finally {
      await first.close();
    }
  });
});
