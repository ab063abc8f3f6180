import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../core/outbox.js';
import { pendingReason } from './pending-reason.js';

const created = Date.parse('2026-11-30T12:00:00Z');
const entry = (patch: Partial<OutboxEntry> = {}): OutboxEntry => ({
  clientId: 'c1',
  room: 'lobby',
  text: 'hi',
  createdAt: new Date(created).toISOString(),
  state: 'sending',
  attempts: 1,
  ...patch,
});

describe('pendingReason', () => {
  it('says nothing extra for the first seconds', () => {
    expect(pendingReason(entry(), 'offline', created + 1000)).toBeUndefined();
  });

  it('tells waiting for the connection apart from a busy relay, and offers retry only when it can help', () => {
    const later = created + 10_000;
    expect(pendingReason(entry(), 'reconnecting', later)).toEqual({ key: 'message.waitingConnection', canRetryNow: false });
    expect(pendingReason(entry({ error: { code: 'unavailable', message: '' } }), 'online', later)).toEqual({ key: 'message.relayBusy', canRetryNow: true });
    expect(pendingReason(entry({ error: { code: 'rate_limited', message: '' } }), 'online', later)?.key).toBe('message.rateLimited');
    expect(pendingReason(entry(), 'online', later)).toEqual({ key: 'message.stillSending', canRetryNow: true });
    expect(pendingReason(entry({ state: 'failed' }), 'online', later)).toBeUndefined();
  });
});
