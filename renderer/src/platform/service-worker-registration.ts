/**
 * Registers the app-shell service worker (service-worker/service-worker.ts, built to ./sw.js) so
 * the web page opens without the relay. Only for the page the relay serves over http(s): the
 * desktop app loads the same files from its own scheme, has no service workers there (its CSP
 * says `worker-src 'none'`) and needs none; the Vite dev server has no sw.js.
 */
export function registerServiceWorker(win: Window = window): void {
  const { location, navigator } = win;
  if (win.desktop || import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  if (location.protocol !== 'https:' && location.protocol !== 'http:') return;
  navigator.serviceWorker.register('./sw.js', { scope: './' }).catch((error: unknown) => {
    // Without it the app still works online; only the offline start is lost.
    console.warn('service worker not registered:', error);
  });
}
