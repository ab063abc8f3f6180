import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import type { RelayContext } from '../relay-context.js';
import { sendError } from './http-errors.js';

/** The built web client (dist/renderer) at `/`, and the runtime settings it reads at start. */
export function webClientRoutes(ctx: RelayContext, rendererDir: string): Router {
  const router = Router();
  router.get('/config.json', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ nameApiUrl: ctx.config.nameApiUrl });
  });
  if (existsSync(join(rendererDir, 'index.html'))) {
    router.use(express.static(rendererDir, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForEntryPoints }));
  } else {
    router.get('/', (_req, res) => sendError(res, 503, 'unavailable', 'The web client is not built: run "npm run build", then reload.'));
  }
  return router;
}

function noCacheForEntryPoints(res: express.Response, path: string): void {
  // index.html names the hashed bundles and sw.js lists them for the offline cache: neither may
  // be served stale after a deploy (browsers check a service worker's script past the HTTP cache
  // by default, but a proxy in between might not).
  if (path.endsWith('.html') || path.endsWith('/sw.js') || path.endsWith('.webmanifest')) res.setHeader('Cache-Control', 'no-cache');
}
