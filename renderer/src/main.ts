import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { CachedHistoryWriter, restoreCachedHistory } from './core/cached-history.js';
import { ChatClient } from './core/chat-client.js';
import { createHttpHistory } from './core/http-history.js';
import { fetchNameApiUrl, fetchRandomName } from './core/random-name.js';
import { createRelaySocket } from './core/relay-socket.js';
import { askNotificationPermissionOnce, attachAttention } from './platform/attention.js';
import { browserStorage } from './platform/browser-storage.js';
import { followOtherTabs, followOtherTabsMutes } from './platform/cross-tab-rooms.js';
import { openBrowserHistoryCache } from './platform/indexeddb-history-cache.js';
import { resolveRelayUrl } from './platform/relay-url.js';
import { registerServiceWorker } from './platform/service-worker-registration.js';
import { APP_STORAGE, CHAT_CLIENT, PREFERRED_LANGUAGES } from './stores/injection-keys.js';
import { useLocaleStore } from './stores/locale.js';
import { useRoomsStore } from './stores/rooms.js';
// Imported here, not by @import in styles.css, so that it passes through vite/emoji-font-plugin.ts.
import '@infolektuell/noto-color-emoji/index.css';
import './styles.css';

// Wiring only: storage → client → stores → app → browser signals → connect.
async function boot(): Promise<void> {
  const storage = browserStorage();
  const relayUrl = await resolveRelayUrl();
  const client = new ChatClient({
    storage,
    createSocket: (auth) => createRelaySocket(relayUrl, auth),
    fetchOlder: createHttpHistory(relayUrl),
  });
  // Before the first paint and the first connect: the last seen messages show even offline.
  const history = await openBrowserHistoryCache(relayUrl);
  await restoreCachedHistory(client, history);
  const historyWriter = new CachedHistoryWriter(client, history);

  const app = createApp(App);
  app.provide(CHAT_CLIENT, client);
  app.provide(APP_STORAGE, storage);
  app.provide(PREFERRED_LANGUAGES, navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
  app.use(createPinia());
  app.mount('#app');
  registerServiceWorker();

  const rooms = app.runWithContext(() => useRoomsStore());
  const locale = app.runWithContext(() => useLocaleStore());
  attachAttention({ client, mutes: rooms.mutes, openRoom: (room) => rooms.select(room), t: locale.t, isHidden: () => document.hidden });
  // The first message sent (a user gesture) is a fine moment to ask for notifications, once.
  const stopAsking = client.events.on('room', () => {
    if (client.outbox.list().length === 0) return;
    stopAsking();
    askNotificationPermissionOnce();
  });

  followOtherTabs(client);
  followOtherTabsMutes(rooms.mutes);
  client.setNetworkOnline(navigator.onLine);
  client.setVisible(!document.hidden);
  window.addEventListener('online', () => client.setNetworkOnline(true));
  window.addEventListener('offline', () => client.setNetworkOnline(false));
  document.addEventListener('visibilitychange', () => {
    client.setVisible(!document.hidden);
    // Hidden is the last moment a page is sure to run (mobile browsers kill hidden tabs).
    if (document.hidden) void historyWriter.flush();
  });
  // Closing the tab ends the session on purpose, so others see "left" at once; a room left
  // moments ago stays left (its Undo toast goes with the page).
  window.addEventListener('pagehide', () => {
    void rooms.commitLeave();
    client.closeSession();
  });
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) client.resume();
  });

  // A brand-new user gets a name from the Random User API; the relay picks one if that fails.
  if (!client.identity.hasToken) {
    const nameApiUrl = await fetchNameApiUrl(relayUrl);
    if (nameApiUrl) client.identity.setWantedName(await fetchRandomName(nameApiUrl));
  }
  client.start();
}

boot().catch((error: unknown) => {
  // Without a relay URL or storage there is no chat; say so instead of showing a blank page.
  const reason = error instanceof Error ? error.message : String(error);
  document.body.textContent = `Relay Chat could not start: ${reason}`;
});
