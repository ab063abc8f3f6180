/** What is reached of an Engine.IO socket: its transport's `ws` WebSocket and that one's TCP socket. */
interface EngineSocketInternals {
  transport?: { name?: string; socket?: { _socket?: Corkable } };
}
/** The part of Socket.IO's `io.engine` used here. */
interface EngineEvents {
  on(event: 'flush', listener: (socket: EngineSocketInternals, packets: unknown[]) => void): unknown;
}
interface Corkable {
  cork(): void;
  uncork(): void;
}

/**
 * Writes each Engine.IO flush of several packets to a connection with one system call.
 *
 * The profile of the saturation bench put a third of the relay's time in `writev`: one call per
 * WebSocket frame per receiver. While a connection's previous write is in flight, Engine.IO
 * queues further packets and then sends them in one flush, frame after frame — each frame its own
 * `writev`. Corking the TCP socket for the flush (Engine.IO announces it with `flush`, then sends
 * synchronously) hands all its frames to the kernel at once; it is uncorked once the current
 * run of callbacks is over (`process.nextTick`), in the same turn of the event loop, before any
 * I/O. The busier the relay, the more packets a flush carries, so the saving grows with the load;
 * a flush of one packet is left alone. Frames, their order and the wire format are unchanged.
 *
 * Only `flush` is listened to: Engine.IO emits it (and `drain`) on every flush, one per delivery,
 * and a listener on `drain` as well cost another call each time for the rare flush that corked.
 *
 * Only the WebSocket transport is touched (reached through `ws`'s `_socket`); should that ever be
 * missing, nothing is corked and frames go out one by one as before.
 */
export function batchFrameWrites(engine: EngineEvents): void {
  engine.on('flush', (socket: EngineSocketInternals, packets: unknown[]) => {
    if (packets.length < 2 || socket.transport?.name !== 'websocket') return;
    const raw = socket.transport.socket?._socket;
    if (typeof raw?.cork !== 'function' || typeof raw.uncork !== 'function') return;
    raw.cork();
    process.nextTick(uncork, raw);
  });
}

function uncork(raw: Corkable): void {
  raw.uncork();
}

/** What is reached of a Socket.IO socket's Engine.IO connection to hold its writes back. */
interface HeldConnection {
  transport?: { name?: string; writable?: boolean };
  flush?: () => void;
}

/**
 * Runs `emit` (several emits to `connections`) so that each WebSocket connection gets all of them
 * in one flush, hence one write: Engine.IO would send the first packet at once and the rest only
 * after that write completes — two writes per connection however many packets. Marking the
 * transport busy for the duration is exactly the state Engine.IO is in while a write is in flight;
 * afterwards it is marked free again and flushed, as Engine.IO does when that write completes.
 * A connection that is busy already, or not on WebSocket, is left to Engine.IO.
 */
export function writeTogether(connections: Iterable<object>, emit: () => void): void {
  const held: HeldConnection[] = [];
  for (const connection of connections as Iterable<HeldConnection>) {
    const transport = connection.transport;
    if (transport?.name === 'websocket' && transport.writable === true && typeof connection.flush === 'function') {
      transport.writable = false;
      held.push(connection);
    }
  }
  try {
    emit();
  } finally {
    for (const connection of held) {
      connection.transport!.writable = true;
      connection.flush!();
    }
  }
}

/**
 * Holds a connection's writes until the current run of microtasks is over (`process.nextTick`
 * runs after it): whatever is emitted to it meanwhile leaves in one flush, hence one write. For a
 * send, whose sender gets the entry's delivery and then the ack a few microtasks apart — without
 * the hold the delivery is written at once and the ack only once that write has completed, a
 * second system call on every send. Nothing waits for I/O or a timer: the hold ends in the same
 * turn of the event loop. A connection busy already (its queued packets go out together anyway),
 * or not on WebSocket, is left alone.
 */
export function holdUntilTick(connection: object): void {
  const held = connection as HeldConnection;
  const transport = held.transport;
  if (transport?.name !== 'websocket' || transport.writable !== true || typeof held.flush !== 'function') return;
  transport.writable = false;
  process.nextTick(releaseHold, held, transport);
}

/** The end of a `holdUntilTick` (a named function, not a closure per send). */
function releaseHold(held: HeldConnection, transport: NonNullable<HeldConnection['transport']>): void {
  // An upgrade or close in between replaced or ended the transport: its own state stands.
  if (held.transport !== transport) return;
  transport.writable = true;
  held.flush!();
}
