import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Refusal } from '../http/origin-policy.js';
import type { ConnectionCounter } from '../limits/connection-counter.js';
import type { LocalRateLimiter } from '../limits/local-rate-limiter.js';

export interface AdmissionDeps {
  isDraining(): boolean;
  /** Host and Origin rules (relay/http/origin-policy.ts): a refusal ends the handshake. */
  refusalOf(headers: IncomingHttpHeaders): Refusal | undefined;
  connections: ConnectionCounter;
  addressOf(req: IncomingMessage): string;
  /** MAX_CONNECT_RATE: new connections this replica takes per second (undefined: no limit). */
  connectRate: LocalRateLimiter | undefined;
  /** A connection was refused by a limit: 'connection' (per address) or 'connect_rate' (replica busy). */
  onLimited(action: 'connection' | 'connect_rate'): void;
}

/** The connect-rate bucket is the replica's, not a client's. */
const REPLICA_KEY = 'replica';

/**
 * Socket.IO's `allowRequest`: who may open a connection. Refused at the Engine.IO level (not by
 * middleware), so standard clients keep retrying — through the load balancer, to another
 * replica — instead of giving up.
 */
export function createAdmissionPolicy(deps: AdmissionDeps) {
  return (req: IncomingMessage, callback: (error: string | null | undefined, allowed: boolean) => void): void => {
    if (deps.isDraining()) return callback('draining: reconnect to another replica', false);
    const refusal = deps.refusalOf(req.headers);
    if (refusal) return callback(refusal.message, false);
    if (deps.connections.isFull(deps.addressOf(req))) {
      deps.onLimited('connection');
      return callback('too many connections from this address', false);
    }
    // A reconnect storm (a replica died, its clients all come here at once): take them at a
    // rate this replica can serve and turn the rest away early, before any per-connection work.
    // Standard clients retry with their jittered backoff, so the storm spreads out.
    if (deps.connectRate && !deps.connectRate.take(REPLICA_KEY)) {
      deps.onLimited('connect_rate');
      return callback(`relay busy: retry in ${Math.max(100, deps.connectRate.waitMs(REPLICA_KEY))} ms`, false);
    }
    callback(null, true);
  };
}
