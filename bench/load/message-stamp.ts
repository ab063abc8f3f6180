/**
 * What a bench message carries so that any thread of the load generator can account for it
 * without asking the sender: the send time (in the text) and, in the clientId, whether it was
 * sent inside the measured window and in which step.
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

export function stampText(sentAt: number, sender: number, n: number): string {
  return `${sentAt.toFixed(3)} bench message ${n} from sender ${sender}, a typical short chat line`;
}

/** The send time written by stampText; NaN when the text is not a bench message. */
export function readSentAt(text: unknown): number {
  return typeof text === 'string' ? Number.parseFloat(text) : Number.NaN;
}
