import type { IncomingMessage } from 'node:http';
import { releaseUpgradeRequest } from './handshake-release.js';

/** The part of Engine.IO's server used here. */
interface EngineServer {
  on(event: 'connection', listener: (conn: TrackedConnection) => void): unknown;
}
/** What is reached of an Engine.IO connection: its handshake request, its transport, and one expando. */
interface TrackedConnection {
  request: IncomingMessage | null;
  transport: { name: string };
  /** The counted client address, set here and read by the one shared close listener. */
  relayAddress?: string;
  on(event: 'close', listener: () => void): void;
}

export interface AddressCounter {
  add(address: string): void;
  remove(address: string): void;
}

/**
 * Counts every Engine.IO connection under its client address until it closes, and lets go of
 * its handshake request once that address is taken (nothing else needs it afterwards).
 */
export function trackConnections(engine: EngineServer, addressOf: (req: IncomingMessage) => string, counter: AddressCounter): void {
  // The address rides on the Engine.IO connection and one shared listener releases it: a closure
  // and a `once` wrapper per connection would cost about 250 bytes each.
  function releaseAddress(this: TrackedConnection): void {
    if (this.relayAddress !== undefined) counter.remove(this.relayAddress);
  }
  engine.on('connection', (conn) => {
    conn.relayAddress = addressOf(conn.request!);
    counter.add(conn.relayAddress);
    conn.on('close', releaseAddress);
    // Everything needed from the handshake's HTTP request was taken above and in allowRequest;
    // nothing may keep it (headers, parser state) for the connection's life. Socket.IO's
    // handshake then has no headers. (A polling transport still answers its first request,
    // which it holds until the next poll anyway.)
    if (conn.transport.name === 'websocket') releaseUpgradeRequest(conn.request!);
    conn.request = null;
  });
}
