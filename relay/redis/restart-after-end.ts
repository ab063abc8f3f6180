import type { Redis } from 'ioredis';

/** Connections the relay (or a test, or a bench) closed on purpose: they stay closed. */
const closedOnPurpose = new WeakSet<Redis>();

/**
 * ioredis gives up on a connection for good (status `end`, every later command failing with
 * "Connection is closed.") when a reconnect's `connect()` fails instead of retrying it. A Sentinel
 * connection gets there in a race seen in the chaos suite, one Sentinel failover in about ten:
 * the previous connection's FailoverDetector, still subscribed to `+switch-master` (it is
 * cleaned up only when the client disconnects on purpose, not when the primary dies), fires
 * while the connector is asking Sentinel for the new primary, disconnects the connector, and
 * `connect()` rejects (ioredis 5.11, SentinelConnector: `if (!this.connecting) throw …`). That
 * relay then answered every send `unavailable` until it was restarted (redis/ioredis#1683 reports
 * the same, "2-3 pods out of 6").
 *
 * This connects such a client again after `delayMs`, unless it was closed through `quit()` or
 * `disconnect()`, which are wrapped to say so.
 */
export function restartAfterEnd(client: Redis, delayMs = 1000): void {
  const quit = client.quit.bind(client);
  const disconnect = client.disconnect.bind(client);
  client.quit = ((...args: Parameters<Redis['quit']>) => {
    closedOnPurpose.add(client);
    return quit(...args);
  }) as Redis['quit'];
  client.disconnect = (reconnect?: boolean) => {
    if (!reconnect) closedOnPurpose.add(client);
    disconnect(reconnect);
  };
  client.on('end', () => {
    if (closedOnPurpose.has(client)) return;
    setTimeout(() => {
      if (closedOnPurpose.has(client) || client.status !== 'end') return;
      // A failure here ends the client again, and this runs again.
      client.connect().catch(() => undefined);
    }, delayMs).unref();
  });
}
