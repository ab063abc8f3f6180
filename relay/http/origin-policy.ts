/**
 * Who may talk to the relay from a browser. Requests without an Origin (native clients, scripts,
 * bots) are allowed; a browser page must be on a listed origin or on the relay's own host. The
 * desktop app loads its page from file://, which browsers report as "file://" or "null".
 */
export const DESKTOP_ORIGINS = ['file://', 'null'];

export function isOriginAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined || origin === '') return true;
  if (allowed.includes(origin) || DESKTOP_ORIGINS.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
