import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Logger } from '../logger.js';
import { isHostAllowed, type HostPolicy } from './host-policy.js';

/**
 * `/metrics` on a port of its own (METRICS_PORT, default 9464; 0 turns it off), so the public
 * port never shows it: an ingress or HTTPRoute routes the main port only, and Prometheus scrapes
 * the pods directly. It listens on the same HOST and follows the same Host rule as the main port,
 * so a web page cannot read it through DNS rebinding either.
 */
/** The metrics port could not be opened (its message says what to set). */
export class MetricsListenError extends Error {}

export interface MetricsServer {
  /** Resolves with the address, or undefined when METRICS_PORT is 0. */
  listen(): Promise<AddressInfo | undefined>;
  close(): Promise<void>;
}

export function createMetricsServer(registry: Registry, config: { host: string; metricsPort: number; allowedHosts: readonly string[] }, logger: Logger): MetricsServer {
  const hosts: HostPolicy = { bindHost: config.host, allowedHosts: config.allowedHosts };
  const server = createServer((req, res) => {
    const answer = (status: number, code: string, message: string) =>
      void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code, message } }));
    if (!isHostAllowed(req.headers.host, hosts)) return answer(403, 'forbidden_host', 'Add this host name to ALLOWED_HOSTS on the relay.');
    if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://x').pathname !== '/metrics') return answer(404, 'not_found', 'This port serves GET /metrics only.');
    registry.metrics().then(
      (text) => void res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => answer(500, 'internal', 'Metrics could not be collected.'),
    );
  });
  return {
    async listen() {
      if (config.metricsPort === 0) return undefined;
      await new Promise<void>((resolve, reject) => {
        server.once('error', (error) => reject(new MetricsListenError(`/metrics could not listen on ${config.host}:${config.metricsPort} (${error.message}): set METRICS_PORT to a free port, or 0 to turn it off.`)));
        server.listen(config.metricsPort, config.host, resolve);
      });
      const address = server.address() as AddressInfo;
      const host = config.host.includes(':') ? `[${config.host}]` : config.host;
      logger.info({ metricsPort: address.port }, `metrics at http://${host}:${address.port}/metrics`);
      return address;
    },
    async close() {
      if (!server.listening) return;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A scraper's keep-alive connection must not hold the shutdown.
        server.closeAllConnections();
      });
    },
  };
}
