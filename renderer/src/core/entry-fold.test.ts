import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/protocol-types.js';
import { EMPTY_FOLD, foldEntries, foldedMessages, withJoinTopic } from './entry-fold.js';

const ada = { id: 'u-ada', name: 'Ada' };
const base = { clientId: 'c', room: 'r', user: ada, time: '2026-11-27T12:00:00.000Z' };
const text = (seq: number, extra: Partial<Message> = {}): Message => ({ ...base, id: `m${seq}`, seq, kind: 'text', rev: seq, text: `t${seq}`, ...extra });
const edit = (seq: number, target: number, newText: string): Message => ({ ...base, id: `e${seq}`, seq, kind: 'edit', text: newText, time: `2026-11-27T12:00:${String(seq).padStart(2, '0')}.000Z`, target: { id: `m${target}`, seq: target } });
const react = (seq: number, target: number, emoji: string, users: string[]): Message => ({ ...base, id: `x${seq}`, seq, kind: 'reaction', text: '', target: { id: `m${target}`, seq: target }, emoji, users });
const del = (seq: number, target: number): Message => ({ ...base, id: `d${seq}`, seq, kind: 'delete', text: '', target: { id: `m${target}`, seq: target } });
const topic = (seq: number, value: string): Message => ({ ...base, id: `t${seq}`, seq, kind: 'topic', text: value });

describe('foldEntries', () => {
  it('applies edits, reactions and deletes to their targets, carrying the resulting state', () => {
    const fold = foldEntries(EMPTY_FOLD, [text(1, { mentions: ['u-bob'] }), text(2), edit(3, 1, 'better'), react(4, 2, '👍', ['u-bob']), react(5, 2, '🎉', ['u-ada']), react(6, 2, '👍', []), del(7, 1), topic(8, 'Plans')]);
    expect(foldedMessages(fold)).toEqual([
      { ...base, id: 'm1', seq: 1, kind: 'text', text: '', deleted: true, rev: 7 },
      { ...text(2), rev: 6, reactions: [{ emoji: '🎉', users: ['u-ada'] }] },
    ]);
    expect(fold.topic).toBe('Plans');
  });

  it('ignores changes at or below a message rev: a history page already includes them', () => {
    const page = [text(1, { text: 'edited', rev: 3, editedAt: 'later' })];
    const fold = foldEntries(foldEntries(EMPTY_FOLD, page), [edit(2, 1, 'first edit'), edit(3, 1, 'edited')]);
    expect(foldedMessages(fold)[0]).toMatchObject({ text: 'edited', rev: 3, editedAt: 'later' });
    // An older page does not roll a newer state back.
    expect(foldedMessages(foldEntries(fold, [text(1)]))[0]).toMatchObject({ text: 'edited', rev: 3 });
  });

  it('keeps a change that arrives before its target and applies it when the target comes', () => {
    const fold = foldEntries(foldEntries(EMPTY_FOLD, [edit(5, 1, 'late')]), [text(1)]);
    expect(foldedMessages(fold)).toEqual([{ ...text(1), text: 'late', rev: 5, editedAt: edit(5, 1, '').time }]);
    expect(fold.pending.size).toBe(0);
  });

  it('takes the join answer topic unless a later topic entry was folded', () => {
    expect(withJoinTopic(EMPTY_FOLD, 'From join', 4).topic).toBe('From join');
    expect(withJoinTopic(foldEntries(EMPTY_FOLD, [topic(6, 'Live')]), 'From join', 4).topic).toBe('Live');
  });

  it('does not change its input', () => {
    const first = foldEntries(EMPTY_FOLD, [text(1)]);
    foldEntries(first, [edit(2, 1, 'x')]);
    expect(foldedMessages(first)).toEqual([text(1)]);
  });

  it('reaches the state of the stream from pages and live entries in any interleaving, repeated', () => {
    // A stream and the state after each prefix (what a history page read at that moment returns).
    const stream = [text(1), text(2), react(3, 1, '👍', ['u-bob']), edit(4, 2, 'two'), react(5, 1, '👍', ['u-bob', 'u-cy']), text(6), del(7, 2), react(8, 6, '🎉', ['u-ada']), topic(9, 'T'), edit(10, 6, 'six')];
    const pageAt = (upto: number, from: number, to: number) => foldedMessages(foldEntries(EMPTY_FOLD, stream.slice(0, upto))).filter((m) => m.seq >= from && m.seq <= to);
    const final = foldedMessages(foldEntries(EMPTY_FOLD, stream));
    const n = stream.length;
    // A client joins after `join` entries: its answer is a page read then, the live stream brings
    // the rest in seq order. Meanwhile it pages back (pages read at any moment since the join, so
    // possibly older than what arrived live) and may get live entries again (a resume).
    const scenario = fc.record({
      join: fc.integer({ min: 0, max: n }),
      steps: fc.array(fc.oneof(fc.constant({ live: true }), fc.record({ repeat: fc.nat() }), fc.record({ at: fc.nat(), from: fc.integer({ min: 1, max: n }), to: fc.integer({ min: 1, max: n }) })), { maxLength: 30 }),
      lastPageAt: fc.nat(),
    });
    fc.assert(
      fc.property(scenario, ({ join, steps, lastPageAt }) => {
        const readTime = (t: number) => join + (t % (n - join + 1));
        let fold = foldEntries(EMPTY_FOLD, pageAt(join, 1, join));
        let live = join;
        for (const step of steps) {
          if ('live' in step && live < n) fold = foldEntries(fold, [stream[live++]!]);
          if ('repeat' in step && live > join) fold = foldEntries(fold, [stream[join + (step.repeat % (live - join))]!]);
          if ('at' in step) fold = foldEntries(fold, pageAt(readTime(step.at), step.from, step.to));
        }
        fold = foldEntries(fold, stream.slice(live));
        // Everything before the join is known from pages only; the last one may be old too.
        fold = foldEntries(fold, pageAt(readTime(lastPageAt), 1, n));
        expect(foldedMessages(fold)).toEqual(final);
        expect(fold.topic).toBe(join >= 9 ? '' : 'T');
      }),
      { numRuns: 500 },
    );
  });
});
