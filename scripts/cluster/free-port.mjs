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
