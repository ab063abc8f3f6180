/**
 * How the service worker answers one request:
 * - `shell`: a page load — the network first (a deploy must show at once), the cached
 *   index.html when the relay cannot be reached, so the app opens offline;
 * - `precached`: a built file (hashed name, never changes) — from the cache;
 * - `network-first`: runtime settings that may change but are still better stale than missing;
 * - `pass`: not ours to touch — the socket, the API (live data, never cached), other origins.
 */
export type SwRoute = 'shell' | 'precached' | 'network-first' | 'pass';

/** Paths under the scope the worker never answers, not even from a cache. */
const LIVE_PREFIXES = ['socket.io/', 'api/', 'metrics', 'healthz', 'readyz'];
const NETWORK_FIRST = new Set(['config.json']);

export function routeOf(request: { url: string; method: string; mode: string }, scope: string, precached: ReadonlySet<string>): SwRoute {
  if (request.method !== 'GET') return 'pass';
  const url = new URL(request.url);
  if (!url.href.startsWith(scope)) return 'pass';
  const path = url.pathname.slice(new URL(scope).pathname.length);
  if (LIVE_PREFIXES.some((prefix) => path.startsWith(prefix))) return 'pass';
  if (NETWORK_FIRST.has(path)) return 'network-first';
  if (request.mode === 'navigate') return path === '' || path === 'index.html' ? 'shell' : 'pass';
  return precached.has(path) ? 'precached' : 'pass';
}
