import { protocol, type Session } from 'electron';
import { readAppFile } from './app-files.js';
import { APP_SCHEME } from './app-scheme.js';

/**
 * Must run before the app is ready. `standard` gives the pages real origins and relative URLs,
 * and with them web storage: localStorage (identity, outbox) and IndexedDB (the cached room
 * history) are disabled for non-standard schemes. `secure` makes them secure contexts (crypto.randomUUID, no mixed content), `supportFetchAPI`
 * lets them fetch their own files. Not `corsEnabled`: no other origin may read these files.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export interface AppSite {
  /** The folder the host's files come from. */
  root: string;
  /** Read per request: a changed relay URL takes effect on the next page load. */
  csp(): string;
}

/** Serve `relay-chat://<host>/<path>` from the folder of that host; nothing else exists. */
export function serveAppFiles(session: Session, sites: Readonly<Record<string, AppSite>>): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const site = Object.hasOwn(sites, url.host) ? sites[url.host] : undefined;
    if (site === undefined || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return new Response('Not found', { status: 404 });
    }
    const file = await readAppFile(site.root, url.pathname, site.csp());
    // Copied into a plain Uint8Array: Response does not take Node's pooled Buffer type.
    const body = request.method === 'HEAD' ? null : new Uint8Array(file.body);
    return new Response(body, { status: file.status, headers: file.headers });
  });
}

/**
 * In dev mode the page comes from the Vite dev server, not from our protocol, so the same CSP
 * is added to its responses here.
 */
export function applyCspToDevServer(session: Session, devOrigin: string, csp: () => string): void {
  session.webRequest.onHeadersReceived({ urls: [`${devOrigin}/*`] }, (details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp()] } });
  });
}
