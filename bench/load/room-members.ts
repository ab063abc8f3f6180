import { dialectFor } from './chat-dialect.js';
import { connectClients, type BenchClient } from './client-pool.js';
import type { GeneratorJob, TrafficJob } from './generator-protocol.js';
import type { SenderThread } from './sender-thread-client.js';

type Message = { clientId?: unknown; text?: unknown; room?: unknown };

/**
 * The members of every bench room, split between the two threads of the load generator: the
 * first `sendersPerRoom` of each room are senders (held by the sending thread), the rest are
 * receivers (held here). Rooms only grow, step by step.
 */
export class RoomMembers {
  readonly rooms: string[];
  private readonly senders: number[];
  private readonly receivers: number[];
  private nextIndex = 0;

  constructor(
    private readonly job: TrafficJob & GeneratorJob,
    private readonly senderThread: SenderThread,
    /** Every receiver this thread holds (closed by the caller at the end). */
    private readonly clients: BenchClient[],
    /** Every delivery to a receiver held here, with the replica that receiver is connected to. */
    private readonly onMessage: (message: Message, receiverReplica: number) => void,
  ) {
    this.rooms = Array.from({ length: job.rooms }, (_, r) => `bench-${r}`);
    this.senders = this.rooms.map(() => 0);
    this.receivers = this.rooms.map(() => 0);
  }

  /** Connects and joins members until every room has `size` (or the deadline passes); returns the failures. */
  async growTo(size: number, deadline: number, onConnected: (count: number) => void): Promise<{ attempted: number; failures: string[]; senderFailures: number }> {
    const { job } = this;
    const toSenders: Array<{ index: number; room: string }> = [];
    const toReceivers: Array<{ index: number; room: number }> = [];
    // Each room's members get consecutive indices, so they alternate between the replicas.
    this.rooms.forEach((room, r) => {
      for (let k = this.senders[r]! + this.receivers[r]!; k < size; k++) {
        if (k < job.sendersPerRoom) toSenders.push({ index: this.nextIndex++, room });
        else toReceivers.push({ index: this.nextIndex++, room: r });
      }
    });
    const { implementation, urls } = job.target;
    const sent =
      toSenders.length > 0
        ? await this.senderThread.request({ type: 'connect', implementation, urls, clients: toSenders, concurrency: job.connectConcurrency, deadline })
        : { connected: 0, failures: [] };
    onConnected(sent.connected);
    // A failed sender was still planned for its room; the caller stops on any sender failure.
    for (const planned of toSenders) this.senders[this.rooms.indexOf(planned.room)]! += 1;

    const dialect = dialectFor(implementation);
    const roomOf = new Map(toReceivers.map((w) => [w.index, w.room]));
    const received = await connectClients({
      indices: toReceivers.map((w) => w.index),
      urls,
      dialect,
      concurrency: job.connectConcurrency,
      deadline,
      setUp: async (client) => {
        client.socket.on('message', (message: Message) => this.onMessage(message, client.replica));
        await dialect.join(client.socket, this.rooms[roomOf.get(client.index)!]!, 10_000);
      },
      onConnected: () => onConnected(1),
    });
    for (const client of received.clients) {
      this.clients.push(client);
      this.receivers[roomOf.get(client.index)!]! += 1;
    }
    return { attempted: toSenders.length + toReceivers.length, failures: [...sent.failures, ...received.failures], senderFailures: sent.failures.length };
  }

  /** room → all its members (the deliveries each message owes). */
  sizes(): Map<string, number> {
    return new Map(this.rooms.map((room, r) => [room, this.senders[r]! + this.receivers[r]!]));
  }

  /** room → members held by this thread (the receipts each message owes here). */
  receiversHere(): Map<string, number> {
    return new Map(this.rooms.map((room, r) => [room, this.receivers[r]!]));
  }

  get senderCount(): number {
    return this.senders.reduce((a, b) => a + b, 0);
  }
}
