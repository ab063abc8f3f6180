import { isIP } from 'node:net';

/**
 * Which `Host` names the relay answers to — the defence against DNS rebinding: a web page on
 * evil.example makes its name resolve to 127.0.0.1 (or a LAN address), and the browser then
 * treats the relay as that page's own origin, Origin check included. The browser still sends
 * `Host: evil.example`, so the relay refuses names it does not know:
 * - IP addresses are always accepted: a browser sends one only when the page itself is on that
 *   address, which no rebinding can produce; health probes and scrapers use them too;
 * - `localhost` and `*.localhost` are always accepted (browsers resolve them to loopback themselves);
 * - ALLOWED_HOSTS lists the public names (chat.example.com), port ignored;
 * - a relay bound to a non-loopback address without ALLOWED_HOSTS accepts any name, as before
 *   (it warns at start: set ALLOWED_HOSTS).
 * A request without Host (HTTP/1.0 health checks) is accepted: browsers always send one.
 */
export interface HostPolicy {
  /** HOST, the address the relay listens on. */
  bindHost: string;
  allowedHosts: readonly string[];
}

export function isLoopbackAddress(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || (isIP(bare) === 4 && bare.startsWith('127.'));
}

/** True when any Host is accepted: bound beyond loopback and no ALLOWED_HOSTS. */
export function acceptsAnyHost(policy: HostPolicy): boolean {
  return !isLoopbackAddress(policy.bindHost) && policy.allowedHosts.length === 0;
}

/** The host name of a Host header value (lower case, no port, no brackets, no final dot), or undefined when malformed. */
export function hostNameOf(header: string): string | undefined {
  try {
    const url = new URL(`http://${header}`);
    // Anything the URL parser had to reinterpret (user@, a path, odd IPv4 spellings) is no plain Host.
    const given = header.toLowerCase();
    if (url.host !== given && `${url.host}:80` !== given) return undefined;
    return url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

export function isHostAllowed(header: string | undefined, policy: HostPolicy): boolean {
  if (header === undefined || header === '' || acceptsAnyHost(policy)) return true;
  const name = hostNameOf(header);
  if (name === undefined) return false;
  return isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost') || policy.allowedHosts.includes(name);
}
