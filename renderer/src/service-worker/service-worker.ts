import { pathInScope, routeOf } from './sw-routes.js';

/*
 * The web page's service worker, built to /sw.js (see renderer/vite/service-worker-plugin.ts,
 * which writes the list of built files into PRECACHE at build time). Hand-written rather than
 * Workbox: it does four things — precache the build, cache the emoji font's subsets as they are
 * fetched, network-first for the page and config.json, leave everything else alone — and
 * Workbox would bring Babel and a second bundler into the build for that.
 *
 * The renderer compiles against the DOM library, not WebWorker (the two clash in one program),
 * so the few worker types used here are declared by hand.
 */
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  readonly registration: { readonly scope: string };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

/** Replaced at build time by `{ version, files, onDemand }`; the quotes keep it a plain string through minification. */
const PRECACHE: { version: string; files: string[]; onDemand: string[] } = JSON.parse('__RELAY_CHAT_PRECACHE__');
const CACHE = `relay-chat-shell-${PRECACHE.version}`;
const RUNTIME = 'relay-chat-runtime';
/** Not per version: on-demand files have hashed names, so one unchanged by a deploy stays cached. */
const ON_DEMAND = 'relay-chat-on-demand';
/** How long a page load waits for the relay before opening the cached app instead. */
const SHELL_TIMEOUT_MS = 4000;

const worker = self as unknown as WorkerScope;
const scope = worker.registration.scope;
const precached = new Set(PRECACHE.files);
const onDemand = new Set(PRECACHE.onDemand);

worker.addEventListener('install', (event) => {
  // All or nothing: a half-filled cache would open a broken app offline.
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.files.map((file) => new Request(new URL(file, scope), { cache: 'reload' }))))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('relay-chat-shell-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(dropOldOnDemandFiles)
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const route = routeOf(event.request, scope, precached, onDemand);
  if (route === 'shell') event.respondWith(shell(event.request));
  else if (route === 'precached') event.respondWith(fromCache(event.request));
  else if (route === 'on-demand') event.respondWith(cacheFirst(event.request));
  else if (route === 'network-first') event.respondWith(networkFirst(event.request));
});

async function shell(request: Request): Promise<Response> {
  try {
    return await fetch(request, { signal: AbortSignal.timeout(SHELL_TIMEOUT_MS) });
  } catch {
    const cached = await caches.match(new URL('index.html', scope).href, { cacheName: CACHE });
    return cached ?? Response.error();
  }
}

async function fromCache(request: Request): Promise<Response> {
  return (await caches.match(request, { cacheName: CACHE, ignoreSearch: true })) ?? fetch(request);
}

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(ON_DEMAND);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

/** Files of earlier builds the current one no longer has would otherwise stay forever. */
async function dropOldOnDemandFiles(): Promise<void> {
  const cache = await caches.open(ON_DEMAND);
  const old = (await cache.keys()).filter((request) => !onDemand.has(pathInScope(request.url, scope) ?? ''));
  await Promise.all(old.map((request) => cache.delete(request)));
}

async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(RUNTIME);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch {
    return (await cache.match(request)) ?? Response.error();
  }
}
