import { describe, expect, it } from 'vitest';
import { jsonMembers, textJsonTail, type TextEntryFields } from './entry-state.js';

/** The object textJsonTail writes by hand, in textEntry's order, stringified the usual way. */
function expected(fields: TextEntryFields): string {
  const rest: Record<string, unknown> = { clientId: fields.clientId, room: fields.room, user: { id: fields.user.id, name: fields.user.name }, text: fields.text, time: fields.time };
  if (fields.replyTo) rest.replyTo = fields.replyTo;
  if (fields.mentions?.length) rest.mentions = fields.mentions;
  return `${jsonMembers(rest)}}`;
}

const base: TextEntryFields = { clientId: 'c-1', room: 'lobby', user: { id: 'u-1', name: 'Ann' }, text: 'hi', time: '2026-11-30T00:00:00.000Z' };

describe('textJsonTail', () => {
  it.each<[string, TextEntryFields]>([
    ['a plain message', base],
    ['quotes, backslashes, control characters and non-ASCII text', { ...base, text: 'say "hi"\\ \n\t\u0001 ✓ 😀 \u2028', user: { id: 'u-"x"', name: 'Zoë \\' } }],
    ['a reply and mentions', { ...base, replyTo: { id: 'm-1', seq: 4, user: { id: 'u-2', name: 'Bo' }, excerpt: 'earlier "text"' }, mentions: ['u-2', 'u-3'] }],
    ['an empty mention list (left out, as textEntry does)', { ...base, mentions: [] }],
  ])('writes the same bytes as stringifying the fields: %s', (_name, fields) => {
    expect(textJsonTail(fields)).toBe(expected(fields));
    expect(() => JSON.parse(`{"id":"x","seq":1${textJsonTail(fields)}`)).not.toThrow();
  });

  it('leaves out fields a request carries that an entry does not have', () => {
    const withExtra = { ...base, user: { id: 'u-1', name: 'Ann', color: 'red' }, id: 'm-9' } as TextEntryFields;
    expect(textJsonTail(withExtra)).toBe(expected(base));
  });
});
