import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';

/**
 * Environment → frozen, typed configuration. Validated once at start so a typo fails at once
 * with a sentence that says what to fix, instead of misbehaving later.
 */
const intFrom = (name: string, fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw.trim() === '') return fallback;
      const value = Number(raw);
      if (!Number.isInteger(value) || value < min || value > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max} (got "${raw}")` });
        return z.NEVER;
      }
      return value;
    });

/** "host:port,host:port" (Sentinels, or a Redis Cluster's seed nodes). */
const hostPortList = (name: string) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (!raw?.trim()) return [];
      return raw.split(',').map((entry) => {
        const match = /^\s*([^:\s]+):(\d{1,5})\s*$/.exec(entry);
        if (!match) {
          ctx.addIssue({ code: 'custom', message: `${name} must be "host:port,host:port" (bad entry "${entry}")` });
          return { host: '', port: 0 };
        }
        return { host: match[1] as string, port: Number(match[2]) };
      });
    });

/** A comma-separated list; `entry` normalises one item, or returns an error sentence. */
const commaList = (entry: (item: string) => { value: string } | { error: string }) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) =>
      (raw ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
        .map((item) => {
          const parsed = entry(item);
          if ('value' in parsed) return parsed.value;
          ctx.addIssue({ code: 'custom', message: parsed.error });
          return item;
        }),
    );

const originList = commaList((origin) => {
  try {
    const url = new URL(origin);
    return { value: url.origin === 'null' ? origin : url.origin };
  } catch {
    return { error: `ALLOWED_ORIGINS entries must be origins like https://chat.example.com (bad entry "${origin}")` };
  }
});

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

const hostList = commaList((entry) => {
  const host = entry.toLowerCase().replace(/\.$/, '');
  return HOST_NAME.test(host)
    ? { value: host }
    : { error: `ALLOWED_HOSTS entries must be host names like chat.example.com, without scheme, port or path (bad entry "${entry}")` };
});

const envSchema = z
  .object({
    PORT: intFrom('PORT', 3000, 0, 65535),
    METRICS_PORT: intFrom('METRICS_PORT', 9464, 0, 65535),
    HOST: z.string().optional().transform((h) => h?.trim() || '127.0.0.1'),
    REDIS_URL: z
      .string()
      .optional()
      .transform((u) => u?.trim() || undefined)
      .refine((u) => u === undefined || /^rediss?:\/\//.test(u), 'REDIS_URL must start with redis:// or rediss://'),
    REDIS_SENTINELS: hostPortList('REDIS_SENTINELS'),
    REDIS_CLUSTER_NODES: hostPortList('REDIS_CLUSTER_NODES'),
    REDIS_SENTINEL_NAME: z.string().optional().transform((n) => n?.trim() || 'mymaster'),
    REDIS_PASSWORD: z.string().optional(),
    RELAY_SECRET: z.string().optional(),
    HISTORY_LIMIT: intFrom('HISTORY_LIMIT', 10_000, 100, 10_000_000),
    ALLOWED_ORIGINS: originList,
    ALLOWED_HOSTS: hostList,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    }).default('info'),
    NAME_API_URL: z.url({ error: 'NAME_API_URL must be an http(s) URL' }).default('https://randomuser.me/api/'),
    REPLICA_ID: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'REPLICA_ID may use letters, digits, ".", "_" and "-" (1–64)').optional(),
    PRESENCE_GRACE_MS: intFrom('PRESENCE_GRACE_MS', 3000, 0, 5000),
    PRESENCE_NOTICE_MAX: intFrom('PRESENCE_NOTICE_MAX', 100, 0, 1_000_000),
    PRESENCE_COUNT_MS: intFrom('PRESENCE_COUNT_MS', 5000, 100, 60_000),
    DELIVERY_HOLD_MS: intFrom('DELIVERY_HOLD_MS', 10, 0, 100),
    MAX_ANSWER_BYTES: intFrom('MAX_ANSWER_BYTES', 512 * 1024, 0, 64 * 1024 * 1024),
    MAX_CONNECTION_BUFFER_BYTES: intFrom('MAX_CONNECTION_BUFFER_BYTES', 4 * 1024 * 1024, 0, 1024 * 1024 * 1024),
    HEARTBEAT_MS: intFrom('HEARTBEAT_MS', 2000, 100, 60_000),
    REPLICA_TIMEOUT_MS: intFrom('REPLICA_TIMEOUT_MS', 10_000, 500, 120_000),
    MESSAGE_RATE_PER_SEC: intFrom('MESSAGE_RATE_PER_SEC', 15, 10, 100_000),
    MESSAGE_BURST: intFrom('MESSAGE_BURST', 30, 20, 1_000_000),
    DRAIN_TIMEOUT_MS: intFrom('DRAIN_TIMEOUT_MS', 8000, 1000, 60_000),
    REDIS_REPLICA_ACKS: intFrom('REDIS_REPLICA_ACKS', 0, 0, 10),
    RELAY_SECRET_PREVIOUS: z.string().optional(),
    TRUST_PROXY: z.enum(['true', 'false', '1', '0', ''], { error: 'TRUST_PROXY must be true or false' }).optional(),
    MAX_CONNECTIONS_PER_IP: intFrom('MAX_CONNECTIONS_PER_IP', 200, 1, 1_000_000),
    MAX_ROOMS_PER_CONNECTION: intFrom('MAX_ROOMS_PER_CONNECTION', 100, 1, 100_000),
    JOIN_RATE_PER_SEC: intFrom('JOIN_RATE_PER_SEC', 10, 1, 100_000),
    MAX_ROOMS: intFrom('MAX_ROOMS', 100_000, 0, 100_000_000),
    MAX_CONNECT_RATE: intFrom('MAX_CONNECT_RATE', 0, 0, 1_000_000),
    HTTP_READS_PER_SEC: intFrom('HTTP_READS_PER_SEC', 20, 0, 100_000),
    RENAMES_PER_MINUTE: intFrom('RENAMES_PER_MINUTE', 10, 1, 100_000),
    EDIT_WINDOW_S: intFrom('EDIT_WINDOW_S', 86_400, 0, 10 * 365 * 86_400),
  })
  .superRefine((env, ctx) => {
    const usesRedis = env.REDIS_URL !== undefined || env.REDIS_SENTINELS.length > 0 || env.REDIS_CLUSTER_NODES.length > 0;
    // Sentinel already takes precedence over REDIS_URL (a base config may keep one); a cluster
    // next to either is a mistake whose outcome nobody should have to guess.
    if (env.REDIS_CLUSTER_NODES.length > 0 && (env.REDIS_URL !== undefined || env.REDIS_SENTINELS.length > 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['REDIS_CLUSTER_NODES'],
        message: 'REDIS_CLUSTER_NODES (Redis Cluster) replaces REDIS_URL and REDIS_SENTINELS: unset those, or unset REDIS_CLUSTER_NODES to use one Redis or Sentinel',
      });
    }
    if (env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
      ctx.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: `METRICS_PORT must differ from PORT (both ${env.PORT}); 0 turns the metrics server off` });
    }
    if (usesRedis && (!env.RELAY_SECRET || env.RELAY_SECRET.length < 32)) {
      ctx.addIssue({
        code: 'custom',
        path: ['RELAY_SECRET'],
        message: 'RELAY_SECRET (at least 32 characters, the same on every replica) is required with Redis, so any replica can verify session tokens. Generate one with: openssl rand -hex 32',
      });
    }
  });

export type RedisConfig =
  | { kind: 'url'; url: string }
  | { kind: 'sentinel'; sentinels: Array<{ host: string; port: number }>; name: string; password?: string }
  | { kind: 'cluster'; nodes: Array<{ host: string; port: number }>; password?: string };

export interface RelayConfig {
  readonly port: number;
  /** Port of the separate /metrics server on the same host; 0: no metrics server. */
  readonly metricsPort: number;
  readonly host: string;
  readonly redis: RedisConfig | undefined;
  readonly secret: string;
  readonly historyLimit: number;
  readonly allowedOrigins: readonly string[];
  /** Host names (lower case) the relay answers to besides IP addresses and localhost; empty: see host-policy.ts. */
  readonly allowedHosts: readonly string[];
  readonly logLevel: string;
  readonly nameApiUrl: string;
  readonly replicaId: string;
  readonly presenceGraceMs: number;
  /** Rooms with more users than this get no join/leave/rename notices, only a coalesced count (v1.1 large rooms). */
  readonly presenceNoticeMax: number;
  /** How often at most a room above presenceNoticeMax gets `room:presence` (and only when its count changed). */
  readonly presenceCountMs: number;
  /** A busy room's live messages go out together at most this often (0: each at once). */
  readonly deliveryHoldMs: number;
  /** Messages in one join answer or HTTP page, in bytes (0: no bound; the count limits still apply). */
  readonly maxAnswerBytes: number;
  /** A connection with more than this queued for it is dropped, like a lost network (0: no limit). */
  readonly maxConnectionBufferBytes: number;
  readonly heartbeatMs: number;
  readonly replicaTimeoutMs: number;
  readonly messageRatePerSec: number;
  readonly messageBurst: number;
  readonly drainTimeoutMs: number;
  /** Redis replicas that must confirm a message before it is acked (WAIT). */
  readonly redisReplicaAcks: number;
  /** The secret before the last rotation: its tokens still verify (and get re-issued with the new one). */
  readonly previousSecret: string | undefined;
  /** Take the client address from X-Forwarded-For (behind a load balancer). */
  readonly trustProxy: boolean;
  readonly maxConnectionsPerIp: number;
  readonly maxRoomsPerConnection: number;
  readonly joinRatePerSec: number;
  readonly renamesPerMinute: number;
  /** Rooms that may exist at once, cluster-wide (0: no bound); past it, new rooms answer room_limit. */
  readonly maxRooms: number;
  /** New connections this replica admits per second, burst twice that (0: no limit, the default until the storm benchmark sets one). */
  readonly maxConnectRate: number;
  /** HTTP reads (history, users, rooms) per client address and second, burst twice that (0: no limit). */
  readonly httpReadsPerSec: number;
  /** How long after sending its author may edit a message (v1.1; 0: never). */
  readonly editWindowSec: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): RelayConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `- ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
    throw new ConfigError(`Invalid relay configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  let redis: RedisConfig | undefined;
  if (e.REDIS_CLUSTER_NODES.length > 0) {
    redis = { kind: 'cluster', nodes: e.REDIS_CLUSTER_NODES, ...(e.REDIS_PASSWORD ? { password: e.REDIS_PASSWORD } : {}) };
  } else if (e.REDIS_SENTINELS.length > 0) {
    redis = { kind: 'sentinel', sentinels: e.REDIS_SENTINELS, name: e.REDIS_SENTINEL_NAME, ...(e.REDIS_PASSWORD ? { password: e.REDIS_PASSWORD } : {}) };
  } else if (e.REDIS_URL) {
    redis = { kind: 'url', url: e.REDIS_URL };
  }
  return Object.freeze({
    port: e.PORT,
    metricsPort: e.METRICS_PORT,
    host: e.HOST,
    redis,
    // Without Redis there is one process, so a random secret per process is enough.
    secret: e.RELAY_SECRET || randomBytes(32).toString('hex'),
    historyLimit: e.HISTORY_LIMIT,
    allowedOrigins: Object.freeze([...e.ALLOWED_ORIGINS]),
    allowedHosts: Object.freeze([...e.ALLOWED_HOSTS]),
    logLevel: e.LOG_LEVEL,
    nameApiUrl: e.NAME_API_URL,
    replicaId: e.REPLICA_ID ?? `${hostname().replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 40)}-${randomBytes(3).toString('hex')}`,
    presenceGraceMs: e.PRESENCE_GRACE_MS,
    presenceNoticeMax: e.PRESENCE_NOTICE_MAX,
    presenceCountMs: e.PRESENCE_COUNT_MS,
    deliveryHoldMs: e.DELIVERY_HOLD_MS,
    maxConnectionBufferBytes: e.MAX_CONNECTION_BUFFER_BYTES,
    maxAnswerBytes: e.MAX_ANSWER_BYTES,
    heartbeatMs: e.HEARTBEAT_MS,
    replicaTimeoutMs: e.REPLICA_TIMEOUT_MS,
    messageRatePerSec: e.MESSAGE_RATE_PER_SEC,
    messageBurst: e.MESSAGE_BURST,
    drainTimeoutMs: e.DRAIN_TIMEOUT_MS,
    redisReplicaAcks: e.REDIS_REPLICA_ACKS,
    previousSecret: e.RELAY_SECRET_PREVIOUS || undefined,
    trustProxy: e.TRUST_PROXY === 'true' || e.TRUST_PROXY === '1',
    maxConnectionsPerIp: e.MAX_CONNECTIONS_PER_IP,
    maxRoomsPerConnection: e.MAX_ROOMS_PER_CONNECTION,
    joinRatePerSec: e.JOIN_RATE_PER_SEC,
    httpReadsPerSec: e.HTTP_READS_PER_SEC,
    maxConnectRate: e.MAX_CONNECT_RATE,
    maxRooms: e.MAX_ROOMS,
    renamesPerMinute: e.RENAMES_PER_MINUTE,
    editWindowSec: e.EDIT_WINDOW_S,
  });
}
