/**
 * Content-Security-Policy strings for the two kinds of page the app shows. Built here, in one
 * place, so the policy a user gets is the one the tests read.
 */

export interface RendererCspInput {
  /** The configured relay, e.g. "https://chat.example.com": the only remote place the page may talk to. */
  relayUrl: string;
  /** Dev mode only: the Vite dev server, whose websocket carries hot reloads. */
  devServerUrl?: string;
  /** The random-name service the page asks once at first start (the relay's default NAME_API_URL). */
  nameApiUrl?: string;
}

/** The relay's default NAME_API_URL; a relay configured otherwise falls back to its generated names. */
export const DEFAULT_NAME_API_URL = 'https://randomuser.me/api/';

/** The websocket origin that belongs to an http(s) origin (Socket.IO upgrades to it). */
function websocketOrigin(url: URL): string {
  return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`;
}

function serialize(directives: Record<string, readonly string[]>): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/**
 * Scripts only from the app itself, network only to the relay (http and ws of its origin) and
 * the random-name service.
 * Styles allow 'unsafe-inline' because Vue binds `style` attributes; scripts never do.
 */
export function buildRendererCsp({ relayUrl, devServerUrl, nameApiUrl = DEFAULT_NAME_API_URL }: RendererCspInput): string {
  const relay = new URL(relayUrl);
  const connect = ["'self'", relay.origin, websocketOrigin(relay), new URL(nameApiUrl).origin];
  if (devServerUrl !== undefined) connect.push(websocketOrigin(new URL(devServerUrl)));
  return serialize({
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': connect,
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'worker-src': ["'none'"],
    // index.html links the web manifest (for installing the web page); it is one of the app's own files.
    'manifest-src': ["'self'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  });
}

/** The settings page runs no script at all: its preload fills and submits the form. */
export const SETTINGS_PAGE_CSP = serialize({
  'default-src': ["'none'"],
  'script-src': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
});
