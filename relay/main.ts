import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type RelayConfig } from './config.js';
import { MetricsListenError } from './http/metrics-server.js';
import { createLogger } from './logger.js';
import { createRelay } from './server.js';
import { startupWarnings } from './startup-warnings.js';

/** Entry point: config → logger → relay → listen, plus the process's signal handling. */
let config: RelayConfig;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const logger = createLogger({ level: config.logLevel, replicaId: config.replicaId });
for (const warning of startupWarnings(config)) logger.warn(warning);
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
const relay = createRelay(config, logger, rendererDir);

process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
process.on('uncaughtException', (error) => {
  logger.fatal({ err: error }, 'uncaught exception; exiting');
  process.exit(1);
});

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Hard stop if draining hangs, so the orchestrator's grace period is never exceeded.
    setTimeout(() => {
      logger.error('drain took too long; exiting');
      process.exit(1);
    }, config.drainTimeoutMs).unref();
    relay.shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}

relay.start().then(
  (address) => {
    const mode = config.redis ? `Redis (${config.redis.kind})` : 'in-memory (single process)';
    logger.info({ port: address.port, host: address.address, mode, node: process.version }, `relay ready at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${address.port} (${mode})`);
  },
  (error: unknown) => {
    const hint = error instanceof MetricsListenError ? error.message : `could not listen on ${config.host}:${config.port}: is the port in use? Set PORT to another one.`;
    logger.fatal({ err: error }, hint);
    process.exit(1);
  },
);
