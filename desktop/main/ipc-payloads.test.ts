import { describe, expect, it } from 'vitest';
import { notificationPayloadSchema, unreadCountSchema } from './ipc-payloads.js';

describe('notificationPayloadSchema', () => {
  it('accepts a notification about a room', () => {
    expect(notificationPayloadSchema.parse({ title: 'Vreni', body: 'Hi!', room: 'lobby' })).toEqual({
      title: 'Vreni',
      body: 'Hi!',
      room: 'lobby',
    });
  });

  it('cuts long text at a code point boundary and marks the cut', () => {
    const parsed = notificationPayloadSchema.parse({ title: 't', body: '😀'.repeat(1000), room: 'lobby' });
    expect(Array.from(parsed.body)).toHaveLength(400);
    expect(parsed.body.endsWith('😀…')).toBe(true);
  });

  it('refuses a room the protocol would not allow and missing fields', () => {
    for (const input of [
      { title: 't', body: 'b', room: '../etc' },
      { title: 't', body: 'b', room: 'Lobby' },
      { title: 't', body: 'b' },
      { title: 1, body: 'b', room: 'lobby' },
      'lobby',
    ]) {
      expect(notificationPayloadSchema.safeParse(input).success, JSON.stringify(input)).toBe(false);
    }
  });
});

describe('unreadCountSchema', () => {
  it('accepts whole non-negative counts only', () => {
    expect(unreadCountSchema.parse(0)).toBe(0);
    expect(unreadCountSchema.parse(42)).toBe(42);
    for (const input of [-1, 1.5, Number.NaN, '3', null, 10_000_000]) {
      expect(unreadCountSchema.safeParse(input).success, String(input)).toBe(false);
    }
  });
});
