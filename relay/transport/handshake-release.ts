import type { IncomingMessage } from 'node:http';
import type { Socket } from 'socket.io';

/**
 * Lets go of what a connection's handshake carried, once the connection is set up: at 5,000
 * idle connections per replica every few hundred bytes per connection count (docs/performance.md).
 * The relay reads the client address and the auth token when a connection opens, and never
 * looks at the handshake again.
 */

/** The source of the listener Engine.IO 6.6 adds to the raw socket of every WebSocket upgrade. */
const ENGINE_RESPONSE_CLOSE_LISTENER = '() => this.emit("close")';
const NO_RAW_HEADERS: string[] = Object.freeze([]) as unknown as string[];

/**
 * The WebSocket upgrade request. Engine.IO keeps it reachable for the connection's whole life:
 * the response object it builds for HTTP middlewares (which the relay does not use) stays
 * subscribed to the raw socket's `close` and holds the request — about 1 KB per connection,
 * more with a browser's headers. That subscription is removed; should a future Engine.IO word
 * it differently, nothing is removed and the request is at least emptied of its headers, URL
 * and query. (handshake-release.test.ts fails if the request is no longer collected.)
 */
export function releaseUpgradeRequest(req: IncomingMessage & { _query?: unknown }): void {
  const raw = req.socket;
  for (const listener of raw.rawListeners('close') as Array<{ listener?: (...args: unknown[]) => void }>) {
    if (listener.listener && String(listener.listener) === ENGINE_RESPONSE_CLOSE_LISTENER) raw.removeListener('close', listener.listener);
  }
  req.rawHeaders = NO_RAW_HEADERS;
  req.headers = {};
  req.url = '';
  req._query = undefined;
}

/** What `socket.handshake` reads once released: nothing identifying, shared by every connection. */
const RELEASED_HANDSHAKE: Socket['handshake'] = Object.freeze({
  headers: Object.freeze({}),
  time: '',
  address: '',
  xdomain: false,
  secure: false,
  issued: 0,
  url: '',
  query: Object.freeze({}),
  auth: Object.freeze({}),
});

/**
 * Socket.IO's per-socket handshake record: the auth payload (our token, about 200 bytes), the
 * query, a date string. Replaced by one shared empty record once the identify middleware has
 * read the token.
 */
export function releaseHandshake(socket: Socket): void {
  (socket as { handshake: Socket['handshake'] }).handshake = RELEASED_HANDSHAKE;
}
