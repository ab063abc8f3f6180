import { describe, expect, it } from 'vitest';
import { messageSchema, parsePayload, renameSchema, roomJoinSchema, sessionCloseSchema } from './payload-schemas.js';

describe('payload schemas', () => {
  it('trims text and names and counts code points, not UTF-16 units', () => {
    expect(parsePayload(messageSchema, { room: 'lobby', text: '  hi \n', clientId: 'c-1' })).toEqual({ ok: true, value: { room: 'lobby', text: 'hi', clientId: 'c-1' } });
    expect(parsePayload(messageSchema, { room: 'lobby', text: '𝄞'.repeat(4000), clientId: 'c' }).ok).toBe(true);
    expect(parsePayload(messageSchema, { room: 'lobby', text: '𝄞'.repeat(4001), clientId: 'c' })).toMatchObject({ ok: false, code: 'message_too_long' });
    expect(parsePayload(renameSchema, { name: ' 😀'.repeat(16) })).toMatchObject({ ok: true });
    expect(parsePayload(renameSchema, { name: '😀'.repeat(33) })).toMatchObject({ ok: false, code: 'invalid_name' });
  });

  it('maps each broken rule to its contract code', () => {
    const cases: Array<[unknown, string]> = [
      [{ room: 'lobby', text: '\t\n ', clientId: 'c' }, 'empty_message'],
      [{ room: 'Lobby', text: 'x', clientId: 'c' }, 'invalid_room'],
      [{ room: '-x', text: 'x', clientId: 'c' }, 'invalid_room'],
      [{ room: 'lobby', text: 'x', clientId: '' }, 'invalid_payload'],
      [{ room: 'lobby', text: 'a\uDC00b', clientId: 'c' }, 'invalid_payload'],
      [{ room: 'lobby', text: 'x' }, 'invalid_payload'],
      [['lobby', 'x', 'c'], 'invalid_payload'],
      [null, 'invalid_payload'],
    ];
    for (const [payload, code] of cases) expect(parsePayload(messageSchema, payload)).toMatchObject({ ok: false, code });
    for (const name of ['', '   ', 'a\u0000b', 'x\u200Fy', 'evil\u202E', 'a\u2066b', '\u3164', 'Alice\u200B', '\u0410lice']) expect(parsePayload(renameSchema, { name })).toMatchObject({ ok: false, code: 'invalid_name' });
  });

  it('accepts since as a whole number ≥ 0 only', () => {
    expect(parsePayload(roomJoinSchema, { room: 'a', since: 0 })).toMatchObject({ ok: true, value: { since: 0 } });
    for (const since of [-1, 0.5, '3', Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) expect(parsePayload(roomJoinSchema, { room: 'a', since })).toMatchObject({ ok: false, code: 'invalid_payload' });
  });

  it('ignores prototype-pollution keys', () => {
    const hostile = JSON.parse('{"room":"a","__proto__":{"polluted":true}}') as unknown;
    const parsed = parsePayload(roomJoinSchema, hostile);
    expect(parsed.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('takes session:close with an empty object or nothing', () => {
    expect(parsePayload(sessionCloseSchema, {}).ok).toBe(true);
    expect(parsePayload(sessionCloseSchema, undefined).ok).toBe(true);
    expect(parsePayload(sessionCloseSchema, 'x').ok).toBe(false);
  });
});
