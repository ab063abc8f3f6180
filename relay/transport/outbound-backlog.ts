/** What is reached of an Engine.IO connection to see what it still has to send. */
interface BackloggedConnection {
  /** Packets Engine.IO holds while the transport is busy with an earlier write. */
  writeBuffer?: ReadonlyArray<{ data?: unknown }>;
  /** For WebSocket: `ws`'s WebSocket, whose `bufferedAmount` is what Node has not handed to the kernel yet. */
  transport?: { socket?: { bufferedAmount?: unknown } };
}

/**
 * Bytes queued in this process for one connection: Engine.IO's write buffer (packets waiting for
 * the transport) plus what `ws` and the TCP socket hold (`bufferedAmount`). A client that reads
 * keeps both near zero; one that stopped reading makes them grow with everything sent to it.
 * String sizes are counted in UTF-16 code units: close enough to the bytes they occupy for a
 * limit of megabytes, and free to read.
 */
export function outboundBacklogBytes(conn: object): number {
  const connection = conn as BackloggedConnection;
  const buffered = connection.transport?.socket?.bufferedAmount;
  let bytes = typeof buffered === 'number' ? buffered : 0;
  for (const packet of connection.writeBuffer ?? []) bytes += sizeOf(packet.data);
  return bytes;
}

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}
