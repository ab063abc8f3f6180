import { describe, expect, it } from 'vitest';
import { SoakLedger } from './soak-ledger.js';

describe('SoakLedger', () => {
  it('owes each acked message to every member after its base, and counts what they hold', () => {
    const ledger = new SoakLedger();
    for (const seq of [1, 2, 3, 4]) ledger.onAck('r', 'u1', `c${seq}`, seq);
    const totals = ledger.deliveries([
      { room: 'r', base: 0, held: 4 }, // everything
      { room: 'r', base: 2, held: 3 }, // joined after seq 2: owed 3 and 4, misses 4
      { room: 'other', base: 0, held: 0 }, // nothing acked there
    ]);
    expect(totals).toEqual({ owed: 6, delivered: 5, lost: 1 });
    expect(ledger.ackedMessages).toBe(4);
  });

  it('counts a retry answered with the first message once', () => {
    const ledger = new SoakLedger();
    ledger.onAck('r', 'u1', 'c1', 7);
    ledger.onAck('r', 'u1', 'c1', 7);
    ledger.onMessage('r', 'u1', 'c1', 7);
    expect(ledger.ackedMessages).toBe(1);
    expect(ledger.duplicateStored).toBe(0);
  });

  it('finds a message stored twice, whether the sender or a receiver sees the second seq', () => {
    const ledger = new SoakLedger();
    ledger.onAck('r', 'u1', 'c1', 7);
    ledger.onMessage('r', 'u1', 'c1', 9);
    ledger.onAck('r', 'u2', 'c1', 8); // another user may reuse a clientId
    ledger.onMessage('s', 'u1', 'c1', 1); // …and the same key in another room is another message
    expect(ledger.duplicateStored).toBe(1);
  });
});
