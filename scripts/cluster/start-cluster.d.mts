// Types for start-cluster.mjs (plain JavaScript so `npm run cluster` needs no build step).

export interface ClusterOptions {
  /** Relay replicas (1–16), named relay-1 … relay-N. Default 3. */
  replicas?: number;
  /** HAProxy's port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Extra relay environment (overrides the cluster's defaults, e.g. REDIS_SENTINELS). */
  env?: Record<string, string>;
  /** Start a redis-server and point REDIS_URL at it (default true). */
  redis?: boolean;
  /** Repository root holding dist/relay/main.js (default: this repository). */
  root?: string;
  /** Keep the temporary directory (logs, redis data, haproxy.cfg) after stop(). */
  keepWorkDir?: boolean;
}

export interface ExitResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

export interface ClusterReplica {
  /** relay-1 … relay-N (also its REPLICA_ID). */
  readonly id: string;
  readonly port: number;
  /** The replica's own address, bypassing the balancer. */
  readonly url: string;
  readonly pid: number | undefined;
  running(): boolean;
  /** The tail of what it printed (pino JSON lines). */
  output(): string;
  /** Its own GET /readyz status, 0 when it does not answer. */
  readyStatus(): Promise<number>;
  /** Sends `signal` (default SIGTERM: drain) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** SIGKILL: dies without any cleanup. */
  kill(): Promise<void>;
  /** Starts it again with the same id and port; resolves when /readyz answers 200. */
  start(): Promise<void>;
}

export interface ClusterRedis {
  readonly port: number;
  readonly url: string;
  readonly pid: number | undefined;
  running(): boolean;
  output(): string;
  /** SIGTERM (clean shutdown, append-only file flushed). */
  stop(): Promise<void>;
  /** SIGKILL. */
  kill(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>;
  restart(options?: { downMs?: number }): Promise<void>;
}

export interface ServerState {
  /** The replica id. */
  name: string;
  /** As HAProxy reports it: "UP", "DOWN", "UP 1/2" (going down), "DOWN 1/2" (coming up), "MAINT". */
  status: string;
  currentSessions: number;
}

export interface ClusterHaproxy {
  readonly port: number;
  readonly url: string;
  readonly configFile: string;
  readonly pid: number | undefined;
  running(): boolean;
  output(): string;
  /** Each replica's state as the balancer's health checks see it. */
  serverStates(): Promise<ServerState[]>;
  stop(): Promise<void>;
}

export interface Cluster {
  /** The balancer: http://127.0.0.1:PORT (Socket.IO, HTTP API and web client). */
  url: string;
  port: number;
  replicas: ClusterReplica[];
  /** null when started with `redis: false`. */
  redis: ClusterRedis | null;
  haproxy: ClusterHaproxy;
  /** Temporary directory: logs/, redis/ data, haproxy.cfg. Removed by stop() unless kept. */
  workDir: string;
  logDir: string;
  /** Drains the relays (SIGTERM), then stops HAProxy and Redis. Idempotent. */
  stop(): Promise<Array<{ id: string; code: number | null }>>;
}

export function startCluster(options?: ClusterOptions): Promise<Cluster>;
export const MAX_REPLICAS: number;
