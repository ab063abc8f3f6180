// Types for redis-server.mjs (plain JavaScript so `npm run cluster` needs no build step).
export interface RedisServerOptions {
  /** Loopback port; 0 or absent picks a free one. */
  port?: number;
  /** Data directory; absent: a temporary one, removed by stop(). */
  dir?: string;
  /** 'none' (default): no RDB, no AOF. 'aof': append-only file fsynced on every write. */
  persistence?: 'none' | 'aof';
  /** Extra redis-server arguments (e.g. --replicaof host port). */
  args?: string[];
  logFile?: string;
  /** Own process group (see ProcessSpec.detached). */
  detached?: boolean;
  /** For messages (default "redis-server"). */
  name?: string;
  /** How long to wait for PONG (default 15 s). */
  startTimeoutMs?: number;
}

export interface RedisServer {
  readonly port: number;
  /** redis://127.0.0.1:PORT */
  readonly url: string;
  readonly dir: string;
  readonly pid: number | undefined;
  running(): boolean;
  output(): string;
  /** Sends `signal` (default SIGTERM: the AOF is flushed) and removes the temporary directory, if it made one. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** SIGKILL: Redis dies without any cleanup; start() brings it back. */
  kill(): Promise<void>;
  /** Starts it again on the same port with the same directory (empty without persistence). */
  start(): Promise<void>;
  /** Stops (`signal`, default SIGTERM), stays down `downMs`, starts again: a Redis "blip". */
  restart(options?: { downMs?: number; signal?: NodeJS.Signals }): Promise<void>;
  /** SIGKILL, sent synchronously. */
  killNow(): void;
}

/** Resolves true when a Redis server (or Sentinel) answers PING on 127.0.0.1:`port`. */
export function redisAnswers(port: number): Promise<boolean>;
/** Starts redis-server on loopback and resolves once it answers PING. */
export function startRedisServer(options?: RedisServerOptions): Promise<RedisServer>;
