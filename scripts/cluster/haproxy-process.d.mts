// Types for haproxy-process.mjs (plain JavaScript so `npm run cluster` needs no build step).
import type { RelayServer } from './haproxy-config.d.mts';

export interface ServerState {
  /** The replica id. */
  name: string;
  /** As HAProxy reports it: "UP", "DOWN", "UP 1/2" (going down), "DOWN 1/2" (coming up), "MAINT". */
  status: string;
  currentSessions: number;
}

export interface Haproxy {
  readonly port: number;
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly configFile: string;
  readonly pid: number | undefined;
  running(): boolean;
  output(): string;
  /** Each relay server's state as the balancer's health checks see it. */
  serverStates(): Promise<ServerState[]>;
  /** SIGTERM, SIGKILL after 5 s. */
  stop(): Promise<void>;
  /** SIGKILL, sent synchronously. */
  killNow(): void;
}

/**
 * HAProxy on 127.0.0.1:`port` in front of `servers`; its configuration, stats socket and log
 * (logs/haproxy.log) go into `workDir`. Resolves once every server is UP and /readyz answers 200
 * through it.
 */
export function startHaproxy(options: { port: number; servers: RelayServer[]; workDir: string; detached?: boolean }): Promise<Haproxy>;
