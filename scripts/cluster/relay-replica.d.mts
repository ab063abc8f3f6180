// Types for relay-replica.mjs (plain JavaScript so `npm run cluster` needs no build step).

export interface RelayReplicaOptions {
  /** Its REPLICA_ID, and its name in messages. */
  id: string;
  /** Loopback port; 0 or absent picks a free one. */
  port?: number;
  /** The whole environment of the relay; PORT, HOST (127.0.0.1), REPLICA_ID and (unless given) METRICS_PORT are set on top. */
  env?: Record<string, string>;
  /** Repository root, the working directory (default: this repository). */
  root?: string;
  /** The Node binary (default: the one running this script). */
  node?: string;
  /** The script node runs (default ROOT/dist/relay/main.js). */
  entry?: string;
  /** Node flags before the entry (default: the relay's own, scripts/relay-node-flags.mjs). */
  nodeArgs?: readonly string[];
  /** The path that answers 200 once it is ready (default /readyz). */
  readyPath?: string;
  logFile?: string;
  /** Open an IPC channel (a child that stops when its parent goes away listens for 'disconnect'). */
  ipc?: boolean;
  /** Own process group (see ProcessSpec.detached). */
  detached?: boolean;
  /** How long it may take to become ready (default 20 s). */
  startTimeoutMs?: number;
}

export interface RelayReplica {
  readonly id: string;
  readonly port: number;
  /** Its own address: http://127.0.0.1:PORT. */
  readonly url: string;
  /** Its metrics server (GET `${metricsUrl}/metrics`): a free port unless env.METRICS_PORT says otherwise; undefined when that is 0. */
  readonly metricsUrl: string | undefined;
  readonly pid: number | undefined;
  running(): boolean;
  /** The tail of what it printed (pino JSON lines). */
  output(): string;
  /** Its own GET /readyz status, 0 when it does not answer. */
  readyStatus(): Promise<number>;
  /**
   * Sends `signal` (default SIGTERM: drain, clients get `relay:draining`), SIGKILLs after
   * `timeoutMs` (default 15 s); resolves with the exit code.
   */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
  /** SIGKILL: dies without any cleanup. */
  kill(): Promise<void>;
  /** Starts it again with the same id and port; resolves once it is ready. */
  start(): Promise<void>;
  /** SIGKILL, sent synchronously. */
  killNow(): void;
}

/** Starts a relay process on loopback and resolves once GET readyPath answers 200. */
export function startRelayReplica(options: RelayReplicaOptions): Promise<RelayReplica>;
