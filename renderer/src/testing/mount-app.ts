import { mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import App from '../App.vue';
import { createMemoryStorage, type KeyValueStorage } from '../core/key-value-storage.js';
import { createTestClient } from '../core/testing/create-test-client.js';
import { FakeRelay } from '../core/testing/fake-relay.js';
import { APP_STORAGE, CHAT_CLIENT, PREFERRED_LANGUAGES } from '../stores/injection-keys.js';

/** The whole app on a FakeRelay, as main.ts wires it (minus the browser signals). */
export function mountApp(options: { languages?: string[]; storage?: KeyValueStorage; relay?: FakeRelay } = {}) {
  const storage = options.storage ?? createMemoryStorage();
  const { client, relay } = createTestClient(storage, options.relay ?? new FakeRelay());
  const wrapper = mount(App, {
    attachTo: document.body,
    global: {
      plugins: [createPinia()],
      provide: {
        [CHAT_CLIENT as symbol]: client,
        [APP_STORAGE as symbol]: storage,
        [PREFERRED_LANGUAGES as symbol]: options.languages ?? ['en-US'],
      },
    },
  });
  return { wrapper, client, relay, storage, socket: () => relay.socket };
}
