import { flushPromises } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { settle } from '../core/testing/create-test-client.js';
import { SEEN_THROTTLE_MS } from '../components/changes/use-seen-reporter.js';
import { mountApp } from './mount-app.js';

const ada = { id: 'u-ada', name: 'Ada' };

// The two tests run in order: the first leaves the app mounted with the read-position
// throttle armed, the second checks that nothing of it runs once the first test is over.
describe('components mounted by a test', () => {
  it('are left mounted with a read-position check pending', async () => {
    const app = mountApp();
    app.client.start();
    app.socket().accept();
    await settle();
    for (const text of ['one', 'two', 'three']) {
      app.socket().push('message', app.relay.append('lobby', text, ada));
      await flushPromises();
    }
  });

  it('are unmounted when their test ends, so their timers never fire after it', async () => {
    const hasFocus = vi.spyOn(document, 'hasFocus');
    await new Promise((resolve) => setTimeout(resolve, SEEN_THROTTLE_MS + 200));
    expect(hasFocus).not.toHaveBeenCalled();
  });
});
