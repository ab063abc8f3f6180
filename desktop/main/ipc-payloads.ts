import { z } from 'zod';
import { ROOM_PATTERN } from '../../shared/text-rules.js';

/**
 * What the renderer may send through the bridge. The renderer shows text from other users, so
 * a bug there must not turn into a flood of giant notifications: long text is cut, not refused.
 */
const TITLE_MAX = 120;
const BODY_MAX = 400;

function clipped(max: number) {
  return z.string().transform((text) => {
    const codePoints = Array.from(text);
    return codePoints.length <= max ? text : `${codePoints.slice(0, max - 1).join('')}…`;
  });
}

export const notificationPayloadSchema = z.object({
  title: clipped(TITLE_MAX),
  body: clipped(BODY_MAX),
  room: z.string().regex(ROOM_PATTERN),
});

export const unreadCountSchema = z.number().int().min(0).max(1_000_000);
