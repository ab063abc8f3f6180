import { DESKTOP_APP_ORIGIN } from '../../shared/index.js';

/**
 * Who may talk to the relay from a browser. Requests without an Origin (native clients, scripts,
 * bots) are allowed; a browser page must be on a listed origin or on the relay's own host; the
 * desktop app's page has an origin of its own. "null" (sandboxed frames, file:// pages) is not
 * allowed unless listed: any site can produce it.
 */
export const DESKTOP_ORIGINS = [DESKTOP_APP_ORIGIN];

export function isOriginAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined || origin === '') return true;
  if (allowed.includes(origin) || DESKTOP_ORIGINS.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
