import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Refusal } from '../http/origin-policy.js';
import type { ConnectionCounter } from '../limits/connection-counter.js';

export interface AdmissionDeps {
  isDraining(): boolean;
  /** Host and Origin rules (relay/http/origin-policy.ts): a refusal ends the handshake. */
  refusalOf(headers: IncomingHttpHeaders): Refusal | undefined;
  connections: ConnectionCounter;
  addressOf(req: IncomingMessage): string;
  /** A connection was refused by MAX_CONNECTIONS_PER_IP. */
  onLimited(): void;
}

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
      deps.onLimited();
      return callback('too many connections from this address', false);
    }
    callback(null, true);
  };
}
