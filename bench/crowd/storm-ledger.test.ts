import { describe, expect, it } from 'vitest';
import { StormLedger } from './storm-ledger.js';

describe('StormLedger', () => {
  it('finds every acked message in a complete history: nothing lost, nothing twice', () => {
    const ledger = new StormLedger();
    ledger.onAck('storm', 'u1', 'c1', 1);
    ledger.onAck('storm', 'u2', 'c1', 2);
    // A retry after a lost ack, answered with the first seq, is the same message.
    ledger.onAck('storm', 'u1', 'c1', 1);
    const verdict = ledger.verify([
      { seq: 1, userId: 'u1', clientId: 'c1' },
      { seq: 2, userId: 'u2', clientId: 'c1' },
      { seq: 3, userId: 'u3', clientId: 'never-acked' },
    ]);
    expect(verdict).toEqual({ acked: 2, lost: 0, duplicated: 0 });
  });

  it('counts an acked message missing from the history, or replaced at its seq, as lost', () => {
    const ledger = new StormLedger();
    ledger.onAck('storm', 'u1', 'c1', 1);
    ledger.onAck('storm', 'u1', 'c2', 2);
    ledger.onAck('storm', 'u1', 'c3', 3);
    const verdict = ledger.verify([
      { seq: 1, userId: 'u1', clientId: 'c1' },
      { seq: 2, userId: 'u9', clientId: 'other' },
    ]);
    expect(verdict.lost).toBe(2);
  });

  it('counts a message stored under two seqs once, whether the ack or the history shows it', () => {
    const fromHistory = new StormLedger();
    fromHistory.onAck('storm', 'u1', 'c1', 1);
    expect(fromHistory.verify([
      { seq: 1, userId: 'u1', clientId: 'c1' },
      { seq: 2, userId: 'u1', clientId: 'c1' },
    ]).duplicated).toBe(1);

    const fromAcks = new StormLedger();
    fromAcks.onAck('storm', 'u1', 'c1', 1);
    fromAcks.onAck('storm', 'u1', 'c1', 2);
    expect(fromAcks.verify([
      { seq: 1, userId: 'u1', clientId: 'c1' },
      { seq: 2, userId: 'u1', clientId: 'c1' },
    ])).toEqual({ acked: 1, lost: 0, duplicated: 1 });
  });
});
