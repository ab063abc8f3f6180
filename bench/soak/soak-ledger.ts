/** One client's position in one room at the end: every seq in (base, held] is delivered to it. */
export interface MemberPosition {
  room: string;
  base: number;
  held: number;
}

export interface DeliveryTotals {
  /** Acked messages × the members they are owed to (sender included). */
  owed: number;
  delivered: number;
  lost: number;
}

/**
 * The soak's shared bookkeeping, across every client of the load generator: which seqs were acked
 * in each room, and one seq per (room, user, clientId). A second seq for the same key means the
 * relay stored one message twice, whoever notices it first: the sender's ack or a receiver.
 */
export class SoakLedger {
  private readonly acked = new Map<string, Set<number>>();
  private readonly seqOf = new Map<string, number>();
  private readonly storedTwice = new Set<string>();

  private record(room: string, userId: string, clientId: string, seq: number): void {
    const key = `${room}\n${userId}\n${clientId}`;
    const first = this.seqOf.get(key);
    if (first === undefined) this.seqOf.set(key, seq);
    else if (first !== seq) this.storedTwice.add(`${room}\n${Math.max(first, seq)}`);
  }

  /** The sender's ack (a retry answered `duplicate: true` carries the first message, so the same seq). */
  onAck(room: string, userId: string, clientId: string, seq: number): void {
    this.record(room, userId, clientId, seq);
    let seqs = this.acked.get(room);
    if (!seqs) this.acked.set(room, (seqs = new Set()));
    seqs.add(seq);
  }

  /** Any message a client received, live or in a join answer. */
  onMessage(room: string, userId: string, clientId: string, seq: number): void {
    this.record(room, userId, clientId, seq);
  }

  get ackedMessages(): number {
    let count = 0;
    for (const seqs of this.acked.values()) count += seqs.size;
    return count;
  }

  /** Messages the relay stored under two seqs. */
  get duplicateStored(): number {
    return this.storedTwice.size;
  }

  /** Every acked message after a member's base is owed to it; it has those up to `held`. */
  deliveries(members: Iterable<MemberPosition>): DeliveryTotals {
    const totals: DeliveryTotals = { owed: 0, delivered: 0, lost: 0 };
    for (const { room, base, held } of members) {
      for (const seq of this.acked.get(room) ?? []) {
        if (seq <= base) continue;
        totals.owed += 1;
        if (seq <= held) totals.delivered += 1;
        else totals.lost += 1;
      }
    }
    return totals;
  }
}
