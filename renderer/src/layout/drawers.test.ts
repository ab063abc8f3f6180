import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { settle } from '../core/testing/create-test-client.js';
import { mountApp } from '../testing/mount-app.js';

type HappyWindow = Window & { happyDOM: { setViewport(v: { width: number; height: number }): void } };
const viewport = (width: number, height = 800) => (window as unknown as HappyWindow).happyDOM.setViewport({ width, height });

afterEach(() => {
  document.body.innerHTML = '';
  viewport(1024, 768);
});

async function phoneApp() {
  viewport(390);
  const app = mountApp();
  app.client.start();
  app.socket().accept();
  await settle();
  await flushPromises();
  return app;
}

describe('phone layout drawers', () => {
  it('opens the room list as a dialog, keeps Tab inside, closes on Escape and gives focus back to its button', async () => {
    const app = await phoneApp();
    const toggle = app.wrapper.get('button[aria-controls="rooms-drawer"]');
    await toggle.trigger('click');
    await flushPromises();
    const drawer = app.wrapper.get('#rooms-drawer');
    expect(drawer.attributes('role')).toBe('dialog');
    expect(toggle.attributes('aria-expanded')).toBe('true');
    expect(drawer.element.contains(document.activeElement)).toBe(true);
    expect((app.wrapper.get('main').element as HTMLElement & { inert: boolean }).inert).toBe(true);

    // Tab from the last control wraps to the first.
    const controls = [...drawer.element.querySelectorAll<HTMLElement>('button, input')];
    controls.at(-1)?.focus();
    await drawer.trigger('keydown', { key: 'Tab' });
    expect(document.activeElement).toBe(controls[0]);

    await drawer.trigger('keydown', { key: 'Escape' });
    await flushPromises();
    expect(drawer.attributes('role')).toBeUndefined();
    expect(document.activeElement).toBe(toggle.element);
  });

  it('closes the room drawer when a room is picked and puts the focus in the composer', async () => {
    const app = await phoneApp();
    await app.wrapper.get('button[aria-controls="rooms-drawer"]').trigger('click');
    await flushPromises();
    await app.wrapper.get('.room-button').trigger('click');
    await flushPromises();
    expect(app.wrapper.get('#rooms-drawer').classes()).not.toContain('drawer-open');
    expect(document.activeElement).toBe(app.wrapper.get('textarea').element);
  });

  it('is a plain column, not a dialog, on a wide screen', async () => {
    viewport(1280);
    const app = mountApp();
    await flushPromises();
    expect(app.wrapper.get('#users-drawer').attributes('role')).toBeUndefined();
  });
});
