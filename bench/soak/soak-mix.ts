/**
 * What the soak's clients do, as numbers: the one place the workload is defined, so the page that
 * reports a run (bench/report/soak-doc.ts) describes the mix that ran, not a copy of it.
 */
export interface SoakMix {
  /** Chat rooms each client joins, besides the lobby every session is in. */
  roomsPerClient: number;
  /** Members of a chat room, drawn uniformly from [min, max] (max ≥ 2 × min). */
  roomSize: [number, number];
  /** Each client's own mean time between its messages, drawn uniformly from [min, max]; its gaps are exponential. */
  sendEverySeconds: [number, number];
  /** Share of messages that go to the lobby (everyone) instead of one of the client's rooms. */
  lobbyShare: number;
  /** Share of messages preceded by typing signals (one every 2 s, like the web client). */
  typingShare: number;
  /** How long such a client types before sending, uniformly from [min, max]. */
  typingSeconds: [number, number];
  /** Each client's connection drops on average once per this many minutes (exponential gaps). */
  dropEveryMinutes: number;
  /** Share of drops where the user goes away (socket.disconnect) and comes back after a while; the rest are network blips (transport closed, the client library reconnects by itself). */
  awayShare: number;
  /** How long an away user stays away, uniformly from [min, max]. */
  awaySeconds: [number, number];
}

export const SOAK_MIX: SoakMix = {
  roomsPerClient: 2,
  roomSize: [10, 50],
  sendEverySeconds: [20, 60],
  lobbyShare: 0.02,
  typingShare: 0.5,
  typingSeconds: [1, 5],
  dropEveryMinutes: 10,
  awayShare: 0.3,
  awaySeconds: [5, 30],
};

/** A fixed seed: two runs offer the same workload, and a short run's schedule is reproducible. */
export const SOAK_SEED = 20_251_127;

/** mulberry32: a small, fast, seedable generator of numbers in [0, 1); plenty for a workload. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function uniform(random: () => number, [min, max]: [number, number]): number {
  return min + random() * (max - min);
}

/** Exponentially distributed with this mean: the gaps between independent events (Poisson arrivals). */
export function exponential(random: () => number, mean: number): number {
  return -Math.log(1 - random()) * mean;
}
