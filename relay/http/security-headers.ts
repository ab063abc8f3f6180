import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * Security headers for every answer, and the web page's Content Security Policy: scripts and
 * styles only from the relay itself, connections only to the relay (its WebSocket included —
 * 'self' covers ws/wss of the same host) and the random-name service, never framed.
 */
export function securityHeaders(nameApiUrl: string): RequestHandler {
  const nameApiOrigin = new URL(nameApiUrl).origin;
  return helmet({
    contentSecurityPolicy: {
      // Helmet's defaults add upgrade-insecure-requests, which breaks a relay served over plain
      // http on a LAN or localhost; the policy is spelled out in full instead.
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Vue binds some styles inline; no user content can reach a style attribute.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", nameApiOrigin],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // The API is meant to be called from other allowed origins (and the desktop app).
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    strictTransportSecurity: false,
  });
}
