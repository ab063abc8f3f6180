// Types for haproxy-config.mjs.
export interface RelayServer {
  name: string;
  host: string;
  port: number;
}

export interface HaproxyOptions {
  bind: { host: string; port: number };
  servers: RelayServer[];
  /** Unix socket for `show stat` (the local cluster reads replica states from it). */
  statsSocket?: string;
  /** "ip:port" of a DNS server to re-resolve server names (Docker: 127.0.0.11:53). */
  dnsResolver?: string;
  logToStdout?: boolean;
  /** Health check interval on /readyz; default 1000. */
  checkIntervalMs?: number;
}

export const WEBSOCKET_IDLE_TIMEOUT: string;
export const BACKEND: string;
export const FRONTEND: string;
export function renderHaproxyConfig(options: HaproxyOptions): string;
export function parseServerStates(csv: string): Array<{ name: string; status: string; currentSessions: number }>;
