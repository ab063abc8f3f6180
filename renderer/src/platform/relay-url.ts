/**
 * Where the relay is: the desktop app's setting inside Electron (the page is served from relay-chat://app there),
 * else the origin that served this page (every replica serves the web client).
 */
export async function resolveRelayUrl(): Promise<string> {
  if (window.desktop) return (await window.desktop.getSettings()).relayUrl;
  return window.location.origin;
}
