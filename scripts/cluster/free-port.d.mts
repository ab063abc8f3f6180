// Types for free-port.mjs (plain JavaScript so `npm run cluster` needs no build step).

/**
 * A TCP port that was free on `host` (default 127.0.0.1) a moment ago, below the kernel's
 * ephemeral range (where outgoing connections cannot take it) when that range is known.
 */
export function freePort(host?: string): Promise<number>;
/** Whether `port` can be bound on `host` right now. */
export function portIsFree(port: number, host?: string): Promise<boolean>;
/**
 * `count` distinct free loopback ports, none in `taken` (which gains them). With
 * `companionOffset`, port + offset is free too and distinct from every pick (Redis Cluster bus).
 */
export function distinctFreePorts(count: number, options?: { taken?: Set<number>; companionOffset?: number }): Promise<number[]>;
