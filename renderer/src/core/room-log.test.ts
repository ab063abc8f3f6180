import { describe, expect, it } from 'vitest';
import type { Message, RoomJoinResult } from '../../../shared/protocol-types.js';
import { RoomLog } from './room-log.js';

const msg = (seq: number, id = `m${seq}`): Message => ({
  id,
  seq,
  kind: 'text',
  rev: seq,
  clientId: `c${seq}`,
  room: 'lobby',
  user: { id: 'u1', name: 'Ada' },
  text: `text ${seq}`,
  time: '2026-11-27T12:00:00.000Z',
});
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => msg(from + i));
const answer = (messages: Message[], lastSeq: number, extra: Partial<RoomJoinResult> = {}): RoomJoinResult => ({
  room: 'lobby',
  epoch: 'e1',
  users: [],
  messages,
  lastSeq,
  truncated: false,
  readSeq: 0,
  unread: 0,
  topic: '',
  userCount: 0,
  ...extra,
});

describe('RoomLog', () => {
  it('starts the resume point at the first message of a fresh (truncated) load', () => {
    const log = new RoomLog();
    expect(log.resumePoint()).toBeUndefined();
    log.applyJoin(answer(range(951, 1000), 1000, { truncated: true }), undefined);
    expect(log.held).toBe(1000);
    expect(log.resumePoint()).toBe(1000);
    expect(log.hasOlder).toBe(true);
  });

  it('resumes from the highest contiguous seq, not the highest seen (own ack before earlier live messages)', () => {
    const log = new RoomLog();
    log.applyJoin(answer(range(1, 3), 3), undefined);
    expect(log.addLive(msg(5))).toBe('gap');
    expect(log.held).toBe(3);
    expect(log.resumePoint()).toBe(3);
    expect(log.addLive(msg(4))).toBe('added');
    expect(log.held).toBe(5);
    expect(log.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('drops a repeated message by id and reports a different message at a held seq as a conflict', () => {
    const log = new RoomLog();
    log.applyJoin(answer(range(1, 2), 2), undefined);
    expect(log.addLive(msg(2))).toBe('duplicate');
    expect(log.addLive(msg(2, 'other-id'))).toBe('conflict');
    expect(log.messages).toHaveLength(2);
  });

  it('fills a gap from a since-answer without duplicating what it already holds', () => {
    const log = new RoomLog();
    log.applyJoin(answer(range(1, 2), 2), undefined);
    log.addLive(msg(6));
    log.applyJoin(answer(range(3, 6), 6), 2);
    expect(log.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(log.held).toBe(6);
  });

  it('accepts a hole the relay no longer keeps (truncated since-answer)', () => {
    const log = new RoomLog();
    log.applyJoin(answer(range(1, 2), 2), undefined);
    log.applyJoin(answer(range(40, 41), 41, { truncated: true }), 2);
    expect(log.held).toBe(41);
  });

  it('drops the cache when the epoch changes, so the room is reloaded', () => {
    const log = new RoomLog();
    log.applyJoin(answer(range(1, 5), 5), undefined);
    expect(log.applyJoin(answer([msg(1, 'new-1')], 1, { epoch: 'e2' }), 5)).toBe('reset');
    expect(log.messages).toHaveLength(0);
    expect(log.resumePoint()).toBeUndefined();
    log.applyJoin(answer([msg(1, 'new-1')], 1, { epoch: 'e2' }), undefined);
    expect(log.messages.map((m) => m.id)).toEqual(['new-1']);
  });

  it('keeps 10,000 messages ordered when loaded in pages and out of order', () => {
    const log = new RoomLog();
    log.applyJoin(answer(range(9001, 10000), 10000, { truncated: true }), undefined);
    for (let from = 1; from <= 9000; from += 1000) log.applyJoin(answer(range(from, from + 999), 10000), 0);
    expect(log.messages).toHaveLength(10000);
    expect(log.messages.every((m, i) => m.seq === i + 1)).toBe(true);
  });
});
