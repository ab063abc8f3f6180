/**
 * What a bench message carries so that any thread of the load generator can account for it
 * without asking the sender: the send time and the sender's replica (in the text) and, in the
 * clientId, whether it was sent inside the measured window and in which step.
 *
 * Clock: performance.timeOrigin + performance.now() — one monotonic clock for the whole process,
 * worker threads included (they share the process's time origin), with sub-millisecond resolution.
 */
export const epochNow = (): number => performance.timeOrigin + performance.now();

const MEASURED = 'm';
const WARMUP = 'w';

/** What every clientId of one step and phase starts with, e.g. "m3-" (measured, step 3). */
export function clientIdPrefix(measured: boolean, step: number): string {
  return `${measured ? MEASURED : WARMUP}${step}-`;
}

export function stampClientId(measured: boolean, step: number, sender: number, n: number): string {
  return `${clientIdPrefix(measured, step)}${sender}-${n}`;
}

/**
 * "<send time> r<sender's replica> bench msg …": the replica follows the time's first space, where
 * readSenderReplica finds it without a regex or a substring. For replicas 0–9 the text is exactly
 * as long as before the replica was stamped ("bench message … line"), so payload sizes, and the
 * figures that depend on them, stay comparable with earlier runs.
 */
export function stampText(sentAt: number, sender: number, n: number, senderReplica: number): string {
  return `${sentAt.toFixed(3)} r${senderReplica} bench msg ${n} from sender ${sender}, a typical short chat line.`;
}

/** The send time written by stampText; NaN when the text is not a bench message. */
export function readSentAt(text: unknown): number {
  return typeof text === 'string' ? Number.parseFloat(text) : Number.NaN;
}

const R = 'r'.charCodeAt(0);
const ZERO = '0'.charCodeAt(0);
const NINE = '9'.charCodeAt(0);

/**
 * The sender's replica written by stampText; -1 when the text carries none. Runs for every
 * measured delivery, so it walks a few characters instead of matching a pattern.
 */
export function readSenderReplica(text: unknown): number {
  if (typeof text !== 'string') return -1;
  const space = text.indexOf(' ');
  if (space < 0 || text.charCodeAt(space + 1) !== R) return -1;
  let replica = -1;
  for (let i = space + 2; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < ZERO || c > NINE) break;
    replica = (replica < 0 ? 0 : replica * 10) + (c - ZERO);
  }
  return replica;
}
