import { DESKTOP_APP_ORIGIN } from '../../shared/desktop-bridge.js';

/**
 * Where the bundled pages live. They are served from a privileged custom scheme rather than
 * file:// (Electron security checklist #18): file:// pages get extra privileges, share one
 * opaque origin, and cannot carry a Content-Security-Policy header.
 *
 * The chat renderer (dist/renderer) runs at DESKTOP_APP_ORIGIN, which lives in shared/ because
 * the relay allows that `Origin` by name.
 */
export const RENDERER_ORIGIN = DESKTOP_APP_ORIGIN;
export const APP_SCHEME = RENDERER_ORIGIN.slice(0, RENDERER_ORIGIN.indexOf('://'));
export const RENDERER_ENTRY_URL = `${RENDERER_ORIGIN}/index.html`;

/** The small settings page (dist/desktop/settings); its own origin, so it shares no storage. */
export const SETTINGS_ORIGIN = `${APP_SCHEME}://settings`;
export const SETTINGS_ENTRY_URL = `${SETTINGS_ORIGIN}/settings.html`;

/**
 * A named persistent partition: the renderer keeps its identity token and its outbox in
 * localStorage, and `persist:` is what makes Electron write that to disk, so unsent messages
 * survive a restart of the app.
 */
export const SESSION_PARTITION = 'persist:relay-chat';
