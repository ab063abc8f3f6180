import type { IncomingHttpHeaders } from 'node:http';
import { DESKTOP_APP_ORIGIN } from '../../shared/index.js';
import { isHostAllowed, type HostPolicy } from './host-policy.js';

/**
 * Who may talk to the relay from a browser. Requests without an Origin (native clients, scripts,
 * bots) are allowed; a browser page must be on a listed origin or on the relay's own origin —
 * same scheme, host and port; the desktop app's page has an origin of its own. "null" (sandboxed
 * frames, file:// pages) is not allowed unless listed: any site can produce it.
 */
export const DESKTOP_ORIGINS = [DESKTOP_APP_ORIGIN];

/**
 * The relay's own origin as this request reached it: `http://<Host>`, or `https://<Host>` when a
 * trusted proxy (TRUST_PROXY) says with X-Forwarded-Proto that the client used TLS. Undefined
 * without a usable Host.
 */
export function ownOrigin(host: string | undefined, forwardedProto: string | string[] | undefined, trustProxy: boolean): string | undefined {
  if (!host) return undefined;
  const proto = trustProxy ? String(forwardedProto ?? '').split(',')[0]?.trim().toLowerCase() : undefined;
  try {
    return new URL(`${proto === 'https' ? 'https' : 'http'}://${host}`).origin;
  } catch {
    return undefined;
  }
}

export function isOriginAllowed(origin: string | undefined, own: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined || origin === '') return true;
  if (allowed.includes(origin) || DESKTOP_ORIGINS.includes(origin)) return true;
  try {
    return own !== undefined && new URL(origin).origin === own;
  } catch {
    return false;
  }
}

export interface RequestPolicyConfig {
  /** HOST, the address the relay listens on. */
  host: string;
  allowedHosts: readonly string[];
  allowedOrigins: readonly string[];
  trustProxy: boolean;
}

export type Refusal = { code: 'forbidden_host' | 'forbidden_origin'; message: string };

/** Host first (a rebound name would pass the Origin check as "own origin"), then Origin. */
export function createRequestPolicy(config: RequestPolicyConfig): (headers: IncomingHttpHeaders) => Refusal | undefined {
  const hosts: HostPolicy = { bindHost: config.host, allowedHosts: config.allowedHosts };
  return (headers) => {
    if (!isHostAllowed(headers.host, hosts)) {
      return { code: 'forbidden_host', message: `Host ${headers.host} is not served by this relay: add its name to ALLOWED_HOSTS on the relay.` };
    }
    const origin = headers.origin;
    if (!isOriginAllowed(origin, ownOrigin(headers.host, headers['x-forwarded-proto'], config.trustProxy), config.allowedOrigins)) {
      return { code: 'forbidden_origin', message: `Origin ${origin} is not allowed: add it to ALLOWED_ORIGINS on the relay.` };
    }
    return undefined;
  };
}
