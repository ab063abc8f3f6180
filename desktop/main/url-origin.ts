/**
 * `scheme://host[:port]` of a URL, or null when it has none (about:, data:, mailto:, garbage).
 *
 * WHATWG `URL.origin` is the string "null" for non-special schemes such as our relay-chat://,
 * which would make every custom-scheme URL look alike; comparing scheme and host is exact.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`;
}
