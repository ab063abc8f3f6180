import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { settle } from '../core/testing/create-test-client.js';
import { mountApp } from '../testing/mount-app.js';

const ada = { id: 'u-ada', name: 'Ada' };

async function inRandom(app: ReturnType<typeof mountApp>) {
  app.client.start();
  app.socket().accept();
  await settle();
  await app.wrapper.get('input[aria-label="Join room"]').setValue('random');
  await app.wrapper.get('form.join').trigger('submit');
  await settle();
  await flushPromises();
}

describe('muting a room', () => {
  it('is a labelled toggle in the room header; a muted room is marked, its count greyed and left out of the title until a mention', async () => {
    const app = mountApp();
    await inRandom(app);
    const toggle = app.wrapper.get('button[aria-label="Mute #random"]');
    expect(toggle.attributes('aria-pressed')).toBe('false');
    await toggle.trigger('click');
    expect(toggle.attributes('aria-pressed')).toBe('true');
    expect(toggle.attributes('title')).toBe('#random is muted: only mentions of you notify');

    await app.wrapper.get('.app').trigger('keydown', { key: 'ArrowUp', altKey: true });
    app.socket().push('message', app.relay.append('random', 'chatter', ada));
    await flushPromises();
    const row = app.wrapper.findAll('.rooms li').find((li) => li.text().includes('# random'));
    expect(row?.text()).toContain('muted');
    expect(row?.get('[aria-label="1 unread"]').classes()).toContain('quiet');
    expect(document.title).toBe('Relay Chat');

    app.socket().push('message', { ...app.relay.append('random', '@Vreni Keller look', ada), mentions: ['u-me'] });
    await flushPromises();
    expect(row?.get('[aria-label="2 unread"]').classes()).not.toContain('quiet');
    expect(document.title).toBe('(1) Relay Chat');
  });

  it('is still muted after a reload', async () => {
    const first = mountApp();
    await inRandom(first);
    await first.wrapper.get('button[aria-label="Mute #random"]').trigger('click');
    first.wrapper.unmount();
    const second = mountApp({ storage: first.storage });
    second.client.start();
    second.socket().accept();
    await settle();
    await flushPromises();
    expect(second.wrapper.get('button[aria-label="Mute #random"]').attributes('aria-pressed')).toBe('true');
  });
});
