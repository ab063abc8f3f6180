/**
 * How the service worker answers one request:
 * - `shell`: a page load — the network first (a deploy must show at once), the cached
 *   index.html when the relay cannot be reached, so the app opens offline;
 * - `precached`: a built file (hashed name, never changes) — from the cache;
 * - `on-demand`: a built file too big to precache with the rest (the emoji font's subsets) —
 *   from the cache once fetched, so an offline start still shows what was seen before;
 * - `network-first`: runtime settings that may change but are still better stale than missing;
 * - `pass`: not ours to touch — the socket, the API (live data, never cached), other origins.
 */
export type SwRoute = 'shell' | 'precached' | 'on-demand' | 'network-first' | 'pass';

/** Paths under the scope the worker never answers, not even from a cache. */
const LIVE_PREFIXES = ['socket.io/', 'api/', 'metrics', 'healthz', 'readyz'];
const NETWORK_FIRST = new Set(['config.json']);

export function routeOf(
  request: { url: string; method: string; mode: string },
  scope: string,
  precached: ReadonlySet<string>,
  onDemand: ReadonlySet<string>,
): SwRoute {
  if (request.method !== 'GET') return 'pass';
  const path = pathInScope(request.url, scope);
  if (path === undefined) return 'pass';
  if (LIVE_PREFIXES.some((prefix) => path.startsWith(prefix))) return 'pass';
  if (NETWORK_FIRST.has(path)) return 'network-first';
  if (request.mode === 'navigate') return path === '' || path === 'index.html' ? 'shell' : 'pass';
  if (precached.has(path)) return 'precached';
  return onDemand.has(path) ? 'on-demand' : 'pass';
}

/** A URL's path relative to the worker's scope (as the build lists files), or undefined outside it. */
export function pathInScope(url: string, scope: string): string | undefined {
  const parsed = new URL(url);
  return parsed.href.startsWith(scope) ? parsed.pathname.slice(new URL(scope).pathname.length) : undefined;
}
