import type { WebContents } from 'electron';
import { originOf } from './url-origin.js';

/**
 * What our windows may navigate to and which links leave the app. The app is a single page:
 * it never needs to navigate away from itself, so anything else is denied, and only plain web
 * and mail links are handed to the OS (a `file:`, `smb:` or custom-protocol link could run a
 * local program or leak credentials).
 */
const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

export function isSafeExternalUrl(url: string): boolean {
  try {
    return EXTERNAL_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

export type NavigationDecision = { action: 'allow' } | { action: 'deny'; openExternally: boolean };

export function decideNavigation(url: string, appOrigins: readonly string[]): NavigationDecision {
  const origin = originOf(url);
  if (origin !== null && appOrigins.includes(origin)) return { action: 'allow' };
  return { action: 'deny', openExternally: isSafeExternalUrl(url) };
}

/** window.open and target=_blank never create an app window; safe links go to the browser. */
export function decideWindowOpen(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isSafeExternalUrl(url) };
}

export interface NavigationGuardDeps {
  /** The origins our own page is served from (bundled scheme, or the dev server in dev mode). */
  appOrigins: readonly string[];
  openExternal(url: string): void;
}

export function guardWebContents(contents: WebContents, deps: NavigationGuardDeps): void {
  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url, deps.appOrigins);
    if (decision.action === 'allow') return;
    event.preventDefault();
    if (decision.openExternally) deps.openExternal(event.url);
  });
  // A server redirect is never a user's click: deny leaving the app without opening anything.
  contents.on('will-redirect', (event) => {
    if (decideNavigation(event.url, deps.appOrigins).action === 'deny') event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) deps.openExternal(url);
    return { action: decision.action };
  });
}
