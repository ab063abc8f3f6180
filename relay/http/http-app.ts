import express, { type Express } from 'express';
import type { HealthResponse, ReadyResponse } from '../../shared/index.js';
import type { RelayContext } from '../relay-context.js';
import { apiRoutes } from './api-routes.js';
import { errorHandler, notFound, sendError } from './http-errors.js';
import { requestAddress } from '../limits/connection-counter.js';
import { createRequestPolicy } from './origin-policy.js';
import { readRateLimit } from './read-rate-limit.js';
import { securityHeaders } from './security-headers.js';
import { webClientRoutes } from './web-client.js';

export const BODY_LIMIT = '64kb';

/** The HTTP side of the relay: health, the JSON API and the web client (metrics have their own port: metrics-server.ts). */
export function createHttpApp(ctx: RelayContext, rendererDir: string): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.trustProxy);
  app.use(securityHeaders(ctx.config.nameApiUrl));

  const refusalOf = createRequestPolicy(ctx.config);
  app.use((req, res, next) => {
    const refusal = refusalOf(req.headers);
    if (refusal) return sendError(res, 403, refusal.code, refusal.message);
    const origin = req.get('origin');
    if (origin) {
      res.set({ 'Access-Control-Allow-Origin': origin, Vary: 'Origin', 'Access-Control-Allow-Headers': 'Authorization, Content-Type', 'Access-Control-Allow-Methods': 'GET, POST' });
      if (req.method === 'OPTIONS') return void res.status(204).end();
    }
    next();
  });

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' } satisfies HealthResponse));
  app.get('/readyz', (_req, res) => {
    void ctx.readiness().then((status) => res.status(status === 'ready' ? 200 : 503).json({ status } satisfies ReadyResponse));
  });

  const limitReads = readRateLimit(ctx.config.httpReadsPerSec, requestAddress(ctx.config.trustProxy), () => ctx.metrics.rateLimited.inc({ action: 'http_read' }));
  app.use('/api', limitReads, express.json({ limit: BODY_LIMIT, strict: false }), apiRoutes(ctx));
  app.use(webClientRoutes(ctx, rendererDir));
  app.use(notFound);
  app.use(errorHandler(ctx.logger));
  return app;
}
