import type { ProcessSample } from '../proc-stats.js';

/** (e) One fill: `clients` connections to one replica, each until its session and lobby join answer. */
export interface FillPoint {
  clients: number;
  /** Clients with their session and lobby join answer when the fill ended. */
  ready: number;
  connectFailures: number;
  /** Until the last client was ready, or the fill's timeout (then `finished` is false). */
  seconds: number;
  finished: boolean;
  /** The replica's CPU (utime + stime from /proc) over those seconds. */
  relayCpuSeconds: number;
  relayPeakRssBytes: number;
  redisCpuSeconds: number;
  /** The load generator's own CPU over the fill: near the fill's seconds, it was the limit, not the relay. */
  generatorCpuSeconds: number;
  /** Set when the fill did not run (a smaller one did not finish) or failed. */
  note?: string;
}

export interface FillRun {
  kind: 'fill';
  /** One per size, ascending. */
  points: FillPoint[];
}

/** (f) One storm: a replica SIGKILLed under load, with or without the survivor's admission rate. */
export interface StormVariant {
  /** MAX_CONNECT_RATE of each replica; 0 = no limit. */
  connectRate: number;
  clients: number;
  senders: number;
  /** Clients whose session was on the killed replica. */
  affected: number;
  /** From the kill until every client had a session again; null when that did not happen in time. */
  allBackSeconds: number | null;
  /** Per affected client, kill → its new session. */
  reconnectMs: { p50: number; p99: number; max: number };
  /** Connection attempts refused or failed during the storm (the admission rate's 'relay busy' included). */
  connectErrors: number;
  /** The surviving replica, from the kill until everyone was back. */
  survivor: ProcessSample;
  /** The load generator's CPU over the same time: near the storm's seconds, the clients were the limit. */
  generatorCpuSeconds: number;
  acked: number;
  /** The room's history was read afterwards and every acked message looked up in it. */
  verified: boolean;
  /** Acked messages missing from the room's history afterwards. */
  ackedLost: number;
  /** Messages stored twice (one clientId, two seqs). */
  duplicated: number;
  /** Messages still unacked when sending stopped and the outboxes had their drain time. */
  unackedAtEnd: number;
  /** Why the variant is incomplete, if it is. */
  note?: string;
}

export interface StormRun {
  kind: 'storm';
  variants: StormVariant[];
}

/** A storm with nothing measured yet (or nothing measurable: `note` says why). */
export function unmeasuredStorm(connectRate: number, clients: number, senders: number, note?: string): StormVariant {
  return {
    connectRate,
    clients,
    senders,
    affected: 0,
    allBackSeconds: null,
    reconnectMs: { p50: 0, p99: 0, max: 0 },
    connectErrors: 0,
    survivor: { cpuSeconds: 0, rssBytes: 0, peakRssBytes: 0 },
    generatorCpuSeconds: 0,
    acked: 0,
    verified: false,
    ackedLost: 0,
    duplicated: 0,
    unackedAtEnd: 0,
    ...(note ? { note } : {}),
  };
}
