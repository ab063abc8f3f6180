import { stringsFor } from '../locale/strings.js';
import type { RelayUrlErrorCode } from './relay-url-error-code.js';

/**
 * The rule for a relay address a user may configure. The renderer is served from a secure
 * custom scheme, so Chromium blocks plain http:// to any other computer as mixed content (and
 * it would send the session token in clear): http:// is accepted for this computer only.
 */
export type { RelayUrlErrorCode };

export type RelayUrlCheck = { ok: true; value: string } | { ok: false; code: RelayUrlErrorCode; message: string };

// The English texts double as log messages; the settings page shows them in the user's language.
const MESSAGES = stringsFor('en').settings.errors;

function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

function fail(code: RelayUrlErrorCode): { ok: false; code: RelayUrlErrorCode; message: string } {
  return { ok: false, code, message: MESSAGES[code] };
}

export function relayUrlError(code: RelayUrlErrorCode): { code: RelayUrlErrorCode; message: string } {
  return { code, message: MESSAGES[code] };
}

/** Accepts "https://host[:port]" (a trailing slash is fine) and gives back the bare origin. */
export function checkRelayUrl(raw: string): RelayUrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return fail('invalid_url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail('unsupported_protocol');
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return fail('insecure_remote');
  if (url.username !== '' || url.password !== '' || url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    return fail('not_an_origin');
  }
  return { ok: true, value: url.origin };
}
