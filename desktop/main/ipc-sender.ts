import { originOf } from './url-origin.js';

/** The part of Electron's WebFrameMain the check needs. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * An IPC message is trusted only when it comes from the top frame of one of our own pages.
 * The preload runs in every frame of a window, so without this an injected iframe or a page
 * that somehow got navigated elsewhere could call the bridge. A missing frame (already
 * navigated or destroyed when the message is handled) is not trusted.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, trustedOrigins: readonly string[]): boolean {
  if (frame === null || frame === undefined || frame.parent !== null) return false;
  const origin = originOf(frame.url);
  return origin !== null && trustedOrigins.includes(origin);
}
