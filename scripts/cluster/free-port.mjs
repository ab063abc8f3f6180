import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * Ports handed out by freePort lie below the kernel's ephemeral range. A port the OS picks for
 * `listen(0)` comes from that range, which is also where every outgoing connection (a relay's
 * link to Redis, a test client's socket) takes its local port: between our probe and the
 * process's own bind — or while a killed relay waits to be restarted on its port — such a
 * connection could take it, and the start failed with EADDRINUSE (a chaos run, 2026-12-01).
 * Below the range only listeners compete, and they check first.
 */
const LOWEST_PORT = 10_000;

/** The first port of the kernel's ephemeral range, or undefined where it cannot be read. */
function ephemeralLow() {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low - LOWEST_PORT >= 2_000 ? low : undefined;
  } catch {
    return undefined;
  }
}
const EPHEMERAL_LOW = ephemeralLow();

function listenOnce(port, host) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const chosen = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(chosen));
    });
  });
}

/**
 * A TCP port that was free on `host` a moment ago: a random one below the ephemeral range, or
 * the OS's pick where that range is unknown (not Linux).
 * @returns {Promise<number>}
 */
export async function freePort(host = '127.0.0.1') {
  if (EPHEMERAL_LOW === undefined) return listenOnce(0, host);
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = LOWEST_PORT + Math.floor(Math.random() * (EPHEMERAL_LOW - LOWEST_PORT));
    if (await portIsFree(port, host)) return port;
  }
  return listenOnce(0, host);
}

/** Whether `port` lies outside the range outgoing connections take their local ports from. */
function belowEphemeralRange(port) {
  return EPHEMERAL_LOW === undefined || port < EPHEMERAL_LOW;
}

/** Whether `port` can be bound on `host` right now. @returns {Promise<boolean>} */
export async function portIsFree(port, host = '127.0.0.1') {
  try {
    await listenOnce(port, host);
    return true;
  } catch {
    return false;
  }
}

/**
 * `count` distinct free loopback ports, none of them in `taken` (the OS could hand out the same
 * one twice in a row). With `companionOffset`, port + offset is free as well and collides with
 * no other pick: a Redis Cluster node also listens on its bus port, port + 10000.
 * @param {number} count
 * @param {{ taken?: Set<number>, companionOffset?: number }} [options]
 * @returns {Promise<number[]>}
 */
export async function distinctFreePorts(count, { taken = new Set(), companionOffset } = {}) {
  const ports = [];
  for (let attempts = 0; ports.length < count; attempts++) {
    if (attempts > 50 * count + 100) throw new Error(`Could not find ${count} free loopback ports${companionOffset ? ` with port+${companionOffset} free` : ''}`);
    const port = await freePort();
    if (taken.has(port)) continue;
    if (companionOffset !== undefined) {
      const companion = port + companionOffset;
      if (companion > 65535 || !belowEphemeralRange(companion) || taken.has(companion) || !(await portIsFree(companion))) continue;
      taken.add(companion);
    }
    taken.add(port);
    ports.push(port);
  }
  return ports;
}
