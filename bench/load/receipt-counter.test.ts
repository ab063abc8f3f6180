import { describe, expect, it } from 'vitest';
import { stampClientId, stampText } from './message-stamp.js';
import { ReceiptCounter } from './receipt-counter.js';
import { SendLedger } from './send-ledger.js';

const message = (measured: boolean, step: number, n: number, sentAt: number, room = 'r') => ({
  room,
  clientId: stampClientId(measured, step, 1, n),
  text: stampText(sentAt, 1, n),
});

describe('ReceiptCounter', () => {
  const always = { opensAt: 0, closesAt: Number.POSITIVE_INFINITY };

  it('measures send → receipt from the time stamped in the text, per receiver', () => {
    let now = 1000;
    const counter = new ReceiptCounter(0, () => 2, always, () => now);
    counter.onDelivery(message(true, 0, 1, 990));
    now = 1012.5;
    counter.onDelivery(message(true, 0, 1, 990));
    const s = counter.snapshot();
    expect(s.received).toBe(2);
    expect(s.deliveriesInWindow).toBe(2);
    expect(counter.latency.summary().max).toBeCloseTo(22.5, 3);
    expect(counter.latency.summary().count).toBe(2);
  });

  it('counts receipts beyond the members held here as duplicates, not as progress', () => {
    const counter = new ReceiptCounter(0, (room) => (room === 'r' ? 1 : 0), always, () => 0);
    counter.onDelivery(message(true, 0, 1, 0));
    counter.onDelivery(message(true, 0, 1, 0));
    expect(counter.snapshot()).toMatchObject({ received: 1, duplicates: 1 });
  });

  it('leaves warm-up messages out of latency but counts them for the live and in-window rate', () => {
    const counter = new ReceiptCounter(3, () => 5, always, () => 0);
    counter.onDelivery(message(false, 3, 1, 0));
    expect(counter.snapshot()).toMatchObject({ received: 0, deliveriesInWindow: 1 });
    expect(counter.deliveries).toBe(1);
    expect(counter.latency.count).toBe(0);
  });

  it('ignores late deliveries from an earlier step and anything that is not a bench message', () => {
    const counter = new ReceiptCounter(2, () => 5, always, () => 0);
    counter.onDelivery(message(true, 1, 1, 0));
    counter.onDelivery(message(true, 12, 1, 0)); // "m12-…" is step 12, not step 2 ("m2-")
    counter.onDelivery({ clientId: 'a-uuid-from-someone-else', text: 'hi', room: 'r' });
    counter.onDelivery({});
    expect(counter.deliveries).toBe(0);
    expect(counter.snapshot().deliveriesInWindow).toBe(0);
  });

  it('counts deliveries in the window by their arrival time, whatever the timers do', () => {
    let now = 0;
    const counter = new ReceiptCounter(0, () => 100, { opensAt: 10, closesAt: 20 }, () => now);
    for (now = 5; now < 25; now += 1) counter.onDelivery(message(now >= 10, 0, now, now));
    expect(counter.snapshot().deliveriesInWindow).toBe(10);
    expect(counter.deliveries).toBe(20);
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
