import { createServer } from 'node:net';

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

/** A TCP port that was free on `host` a moment ago (the OS picks it). @returns {Promise<number>} */
export function freePort(host = '127.0.0.1') {
  return listenOnce(0, host);
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
      if (companion > 65535 || taken.has(companion) || !(await portIsFree(companion))) continue;
      taken.add(companion);
    }
    taken.add(port);
    ports.push(port);
  }
  return ports;
}
