import { checkName } from '../../../shared/text-rules.js';

const NAME_API_TIMEOUT_MS = 3000;

/**
 * Asks a Random User API (https://randomuser.me/api/ shape) for a display name. Any failure —
 * offline, slow, odd answer, a name the relay would refuse — yields `undefined`, and the relay
 * then picks a readable name itself.
 */
export async function fetchRandomName(
  apiUrl: string,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = NAME_API_TIMEOUT_MS,
): Promise<string | undefined> {
  try {
    const res = await fetchImpl(apiUrl, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return undefined;
    const body = (await res.json()) as { results?: Array<{ name?: { first?: unknown; last?: unknown } }> };
    const name = body.results?.[0]?.name;
    if (typeof name?.first !== 'string' || typeof name.last !== 'string') return undefined;
    const checked = checkName(`${name.first} ${name.last}`);
    return checked.ok ? checked.value : undefined;
  } catch {
    return undefined;
  }
}

/** Reads `nameApiUrl` from the relay's runtime config (`GET /config.json`). */
export async function fetchNameApiUrl(relayUrl: string, fetchImpl: typeof fetch = fetch, timeoutMs = NAME_API_TIMEOUT_MS): Promise<string | undefined> {
  try {
    const res = await fetchImpl(new URL('config.json', relayUrl.endsWith('/') ? relayUrl : `${relayUrl}/`), {
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) return undefined;
    const body = (await res.json()) as { nameApiUrl?: unknown };
    return typeof body.nameApiUrl === 'string' && body.nameApiUrl !== '' ? body.nameApiUrl : undefined;
  } catch {
    return undefined;
  }
}
