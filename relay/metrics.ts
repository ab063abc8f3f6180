import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { heapUsedAfterFullGc } from './heap-after-gc.js';

/**
 * The relay's Prometheus metrics, on a registry of its own (several relays can share a process in
 * tests). Labels never carry user ids or room names: their number must stay bounded.
 */
export function createMetrics(replicaId: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ replica: replicaId });
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    connections: new Gauge({ name: 'relay_connections', help: 'Open Socket.IO connections on this replica', registers: [registry] }),
    messagesIn: new Counter({ name: 'relay_messages_received_total', help: 'Messages accepted for storing (socket and HTTP)', labelNames: ['via'] as const, registers: [registry] }),
    messagesOut: new Counter({ name: 'relay_messages_delivered_total', help: 'Message deliveries to local connections', registers: [registry] }),
    ackLatency: new Histogram({
      name: 'relay_message_ack_seconds',
      help: 'Time from receiving a message to acknowledging it (stored)',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    dedupeHits: new Counter({ name: 'relay_dedupe_hits_total', help: 'Repeated (user, clientId) sends answered with the stored message', registers: [registry] }),
    rateLimited: new Counter({ name: 'relay_rate_limited_total', help: 'Requests refused with rate_limited', labelNames: ['action'] as const, registers: [registry] }),
    errors: new Counter({ name: 'relay_request_errors_total', help: 'Requests answered with an error code', labelNames: ['code'] as const, registers: [registry] }),
    presenceReaps: new Counter({ name: 'relay_presence_reaped_total', help: 'Users removed because their replica stopped heart-beating', registers: [registry] }),
    redisErrors: new Counter({ name: 'relay_redis_errors_total', help: 'Redis command or connection errors', registers: [registry] }),
    redisUp: new Gauge({ name: 'relay_redis_up', help: '1 while the Redis command connection is ready (always 1 in memory mode)', registers: [registry] }),
    configuredLimit: new Gauge({ name: 'relay_configured_limit', help: 'The limits this replica enforces', labelNames: ['limit'] as const, registers: [registry] }),
    backlogDrops: new Counter({ name: 'relay_backlog_drops_total', help: 'Connections dropped because more than MAX_CONNECTION_BUFFER_BYTES waited to be sent to them', registers: [registry] }),
    previousSecretTokens: new Counter({
      name: 'relay_previous_secret_tokens_total',
      help: 'Sessions resumed with a token signed with RELAY_SECRET_PREVIOUS (re-issued under RELAY_SECRET); unset RELAY_SECRET_PREVIOUS once this stays flat',
      registers: [registry],
    }),
    advanceSignals: new Counter({
      name: 'relay_advance_signals_received_total',
      help: 'Room advance signals this replica received (only rooms with local members are followed)',
      registers: [registry],
    }),
    replicaAckPrimaries: new Gauge({
      name: 'relay_redis_primaries',
      help: 'Redis primaries by how they ack writes under REDIS_REPLICA_ACKS: replicas (wait for them), primary_only (no replica in sync), refusing (a replica up but unlinked)',
      labelNames: ['acks'] as const,
      registers: [registry],
    }),
    activeRooms: new Gauge({ name: 'relay_active_rooms', help: 'Rooms with local members (live feeds) on this replica', registers: [registry] }),
    heapAfterFullGc: heapAfterFullGcGauge(registry),
  };
}

export type RelayMetrics = ReturnType<typeof createMetrics>;

/** What a leak check should trend (heap-after-gc.ts); 0 until the first full collection. */
function heapAfterFullGcGauge(registry: Registry): Gauge {
  heapUsedAfterFullGc();
  return new Gauge({
    name: 'relay_heap_used_after_full_gc_bytes',
    help: 'V8 heap used right after the latest full (mark-compact) garbage collection',
    registers: [registry],
    collect() {
      const bytes = heapUsedAfterFullGc();
      if (bytes !== undefined) this.set(bytes);
    },
  });
}
