/** What is reached of an Engine.IO connection to close it: its transport's `ws` WebSocket. */
interface DroppableConnection {
  close(): void;
  transport?: { socket?: { terminate?: () => void } };
}

/**
 * Closes a connection the way a lost network would: Engine.IO's close, and for a WebSocket the
 * TCP socket terminated at once. Standard clients then reconnect by themselves (a server-side
 * `disconnect` would make them give up), and resume from their last seq. A polite close handshake
 * was seen to leave Node clients waiting until the process exited, which would hold users on a
 * dying replica for the whole drain.
 */
export function dropConnection(conn: object): void {
  const connection = conn as DroppableConnection;
  const ws = connection.transport?.socket;
  connection.close();
  if (typeof ws?.terminate === 'function') ws.terminate();
}
