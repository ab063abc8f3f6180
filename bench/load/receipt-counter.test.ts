import { describe, expect, it } from 'vitest';
import { readSenderReplica, readSentAt, stampClientId, stampText } from './message-stamp.js';
import { ReceiptCounter } from './receipt-counter.js';
import { SendLedger } from './send-ledger.js';

const message = (measured: boolean, step: number, n: number, sentAt: number, room = 'r', senderReplica = 0) => ({
  room,
  clientId: stampClientId(measured, step, 1, n),
  text: stampText(sentAt, 1, n, senderReplica),
});

describe('ReceiptCounter', () => {
  const always = { opensAt: 0, closesAt: Number.POSITIVE_INFINITY };

  it('measures send → receipt from the time stamped in the text, per receiver', () => {
    let now = 1000;
    const counter = new ReceiptCounter(0, () => 2, always, () => now);
    counter.onDelivery(message(true, 0, 1, 990), 0);
    now = 1012.5;
    counter.onDelivery(message(true, 0, 1, 990), 0);
    const s = counter.snapshot();
    expect(s.received).toBe(2);
    expect(s.deliveriesInWindow).toBe(2);
    expect(counter.latency.summary().max).toBeCloseTo(22.5, 3);
    expect(counter.latency.summary().count).toBe(2);
  });

  it('splits latency by whether the receiver is on the sender\'s replica, the total keeping both', () => {
    let now = 100;
    const counter = new ReceiptCounter(0, () => 10, always, () => now);
    counter.onDelivery(message(true, 0, 1, 90, 'r', 1), 1); // same replica: 10 ms
    counter.onDelivery(message(true, 0, 1, 90, 'r', 1), 0); // other: 10 ms
    now = 130;
    counter.onDelivery(message(true, 0, 2, 90, 'r', 0), 1); // other: 40 ms
    counter.onDelivery(message(true, 0, 3, 90, 'r', 12), 12); // same, two-digit replica: 40 ms
    counter.onDelivery(message(true, 0, 4, 90, 'r', 1), 2); // other: 40 ms
    const { same, other } = counter.snapshot().latencyByReplica;
    expect(same.total).toBe(2);
    expect(other.total).toBe(3);
    expect(same.sum).toBeCloseTo(50, 6);
    expect(other.sum).toBeCloseTo(90, 6);
    expect(counter.latency.count).toBe(5);
  });

  it('leaves a text without a replica, duplicates and warm-up messages out of the split', () => {
    const counter = new ReceiptCounter(0, () => 1, always, () => 5);
    counter.onDelivery({ room: 'r', clientId: stampClientId(true, 0, 1, 1), text: '1.000 bench message from an older generator' }, 0);
    counter.onDelivery(message(true, 0, 2, 0), 0);
    counter.onDelivery(message(true, 0, 2, 0), 0); // one member here: a duplicate
    counter.onDelivery(message(false, 0, 3, 0), 0);
    const { received, duplicates, latencyByReplica } = counter.snapshot();
    expect({ received, duplicates }).toEqual({ received: 2, duplicates: 1 });
    expect(counter.latency.count).toBe(2);
    expect(latencyByReplica.same.total + latencyByReplica.other.total).toBe(1);
  });

  it('merges another thread\'s totals and split into its own', () => {
    const a = new ReceiptCounter(0, () => 10, always, () => 10);
    const b = new ReceiptCounter(0, () => 10, always, () => 20);
    a.onDelivery(message(true, 0, 1, 0, 'r', 0), 0);
    b.onDelivery(message(true, 0, 1, 0, 'r', 0), 1);
    b.onDelivery(message(true, 0, 2, 0, 'r', 1), 1);
    a.mergeLatency(b.snapshot());
    expect(a.latency.count).toBe(3);
    expect(a.byReplica.same.count).toBe(2);
    expect(a.byReplica.other.count).toBe(1);
    expect(a.byReplica.other.max).toBeCloseTo(20, 6);
  });

  it('counts receipts beyond the members held here as duplicates, not as progress', () => {
    const counter = new ReceiptCounter(0, (room) => (room === 'r' ? 1 : 0), always, () => 0);
    counter.onDelivery(message(true, 0, 1, 0), 0);
    counter.onDelivery(message(true, 0, 1, 0), 0);
    expect(counter.snapshot()).toMatchObject({ received: 1, duplicates: 1 });
  });

  it('leaves warm-up messages out of latency but counts them for the live and in-window rate', () => {
    const counter = new ReceiptCounter(3, () => 5, always, () => 0);
    counter.onDelivery(message(false, 3, 1, 0), 0);
    expect(counter.snapshot()).toMatchObject({ received: 0, deliveriesInWindow: 1 });
    expect(counter.deliveries).toBe(1);
    expect(counter.latency.count).toBe(0);
  });

  it('ignores late deliveries from an earlier step and anything that is not a bench message', () => {
    const counter = new ReceiptCounter(2, () => 5, always, () => 0);
    counter.onDelivery(message(true, 1, 1, 0), 0);
    counter.onDelivery(message(true, 12, 1, 0), 0); // "m12-…" is step 12, not step 2 ("m2-")
    counter.onDelivery({ clientId: 'a-uuid-from-someone-else', text: 'hi', room: 'r' }, 0);
    counter.onDelivery({}, 0);
    expect(counter.deliveries).toBe(0);
    expect(counter.snapshot().deliveriesInWindow).toBe(0);
  });

  it('counts deliveries in the window by their arrival time, whatever the timers do', () => {
    let now = 0;
    const counter = new ReceiptCounter(0, () => 100, { opensAt: 10, closesAt: 20 }, () => now);
    for (now = 5; now < 25; now += 1) counter.onDelivery(message(now >= 10, 0, now, now), 0);
    expect(counter.snapshot().deliveriesInWindow).toBe(10);
    expect(counter.deliveries).toBe(20);
  });
});

describe('message stamp', () => {
  it('carries the send time and the sender\'s replica in the text, at the length it had before the replica', () => {
    const text = stampText(1_764_512_345_678.125, 3, 17, 1);
    expect(readSentAt(text)).toBeCloseTo(1_764_512_345_678.125, 3);
    expect(readSenderReplica(text)).toBe(1);
    expect(readSenderReplica(stampText(5, 0, 0, 0))).toBe(0);
    expect(readSenderReplica(stampText(5, 0, 0, 10))).toBe(10);
    // The text as stamped before the replica was: the same length, so the same payload bytes.
    expect(text).toHaveLength('1764512345678.125 bench message 17 from sender 3, a typical short chat line'.length);
  });

  it('reads no replica from a text that does not carry one', () => {
    for (const text of [undefined, 42, '', 'hi', '1.000 bench message 1', '1.000 r', '1.000 rx', '1.000r1']) expect(readSenderReplica(text)).toBe(-1);
  });
});

describe('SendLedger', () => {
  it('owes room-size deliveries per measured message and nothing for warm-up ones', () => {
    const ledger = new SendLedger();
    ledger.onSend(false, 10);
    ledger.onSend(true, 10);
    ledger.onAck(false, 10, { kind: 'ok' });
    ledger.onAck(true, 10, { kind: 'ok' });
    expect(ledger.snapshot()).toMatchObject({ sent: 2, acked: 1, expected: 10, pendingAcks: 0 });
  });

  it('owes nothing for a refused message and records why', () => {
    const ledger = new SendLedger();
    ledger.onSend(true, 4);
    ledger.onAck(true, 4, { kind: 'rejected', code: 'rate_limited' });
    expect(ledger.snapshot()).toMatchObject({ expected: 0, rejected: { rate_limited: 1 }, acked: 0 });
  });

  it('keeps an unanswered message owed: no ack is not the same as not delivered', () => {
    const ledger = new SendLedger();
    ledger.onSend(true, 3);
    ledger.onAck(true, 3, { kind: 'timeout' });
    ledger.onSkipped(2);
    expect(ledger.snapshot()).toMatchObject({ expected: 3, ackTimeouts: 1, skipped: 2, pendingAcks: 0 });
  });
});
