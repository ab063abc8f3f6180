import type { Socket as NetSocket } from 'node:net';

/** Counts the system calls (write and writev) made on a server-side TCP socket, for tests. */
export function countWrites(raw: NetSocket): { count: number } {
  const socket = raw as NetSocket & { _writev(...args: unknown[]): void };
  const writes = { count: 0 };
  const writev = socket._writev.bind(socket);
  const write = socket._write.bind(socket);
  socket._writev = (...args: unknown[]) => {
    writes.count++;
    writev(...args);
  };
  socket._write = (...args: Parameters<NetSocket['_write']>) => {
    writes.count++;
    write(...args);
  };
  return writes;
}
