import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { settle } from './core/testing/create-test-client.js';
import { FakeRelay } from './core/testing/fake-relay.js';
import { mountApp } from './testing/mount-app.js';

const ada = { id: 'u-ada', name: 'Ada' };

async function online(app: ReturnType<typeof mountApp>) {
  app.client.start();
  app.socket().accept();
  await settle();
  await flushPromises();
}

function byLabel(label: string) {
  const el = document.querySelector(`[aria-label="${label}"]`);
  if (!el) throw new Error(`nothing labelled "${label}"`);
  return el as HTMLElement;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('chat window', () => {
  it('sends with Enter, keeps Shift+Enter as a new line, and shows the message set apart as ours', async () => {
    const app = mountApp();
    await online(app);
    const box = app.wrapper.get('textarea[aria-label="Message"]');
    await box.setValue('first line');
    await box.trigger('keydown', { key: 'Enter', shiftKey: true });
    expect(app.relay.sentMessages()).toHaveLength(0);
    await box.setValue('first line\nsecond line');
    await box.trigger('keydown', { key: 'Enter' });
    await settle();
    await flushPromises();
    expect(app.relay.room('lobby').messages.map((m) => m.text)).toEqual(['first line\nsecond line']);
    expect((box.element as HTMLTextAreaElement).value).toBe('');
    const own = app.wrapper.get('[role="log"] .message.own');
    expect(own.text()).toContain('first line\nsecond line');
    expect(own.get('time').attributes('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('shows HTML and script payloads as text, and links only http(s) URLs', async () => {
    const app = mountApp();
    await online(app);
    const payload = '<img src=x onerror="window.hacked=1"><script>window.hacked=1</script> javascript:alert(1) https://example.org/x';
    app.socket().push('message', app.relay.append('lobby', payload, ada));
    await flushPromises();
    const log = app.wrapper.get('[role="log"]');
    expect(log.findAll('img')).toHaveLength(0);
    expect(log.findAll('script')).toHaveLength(0);
    expect(log.text()).toContain('<img src=x onerror="window.hacked=1"><script>window.hacked=1</script>');
    const links = log.findAll('a');
    expect(links.map((a) => a.attributes('href'))).toEqual(['https://example.org/x']);
    expect(links[0]?.attributes('rel')).toContain('noopener');
  });

  it('renders only a window of a 10,000-message room', async () => {
    const relay = new FakeRelay();
    relay.freshLimit = 10_000;
    for (let i = 1; i <= 10_000; i++) relay.append('lobby', `message ${i}`, ada);
    const app = mountApp({ relay });
    await online(app);
    const rows = app.wrapper.findAll('[role="log"] .row');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(120);
    expect(rows.at(-1)?.text()).toContain('message 10000');
  });

  it('follows new messages at the bottom, but not while the user reads further up', async () => {
    const relay = new FakeRelay();
    for (let i = 1; i <= 40; i++) relay.append('lobby', `m${i}`, ada);
    const app = mountApp({ relay });
    await online(app);
    const log = app.wrapper.get('[role="log"]').element as HTMLElement;
    // happy-dom has no layout: give the scroller a size and a content height.
    let scrollTop = 0;
    Object.defineProperty(log, 'clientHeight', { configurable: true, get: () => 500 });
    Object.defineProperty(log, 'scrollHeight', { configurable: true, get: () => 3000 });
    Object.defineProperty(log, 'scrollTop', { configurable: true, get: () => scrollTop, set: (v: number) => (scrollTop = Math.min(v, 2500)) });

    app.socket().push('message', app.relay.append('lobby', 'while at the bottom', ada));
    await flushPromises();
    expect(scrollTop).toBe(2500);

    scrollTop = 1000;
    await app.wrapper.get('[role="log"]').trigger('scroll');
    expect(app.wrapper.find('button.jump').exists()).toBe(true);
    app.socket().push('message', app.relay.append('lobby', 'while reading', ada));
    await flushPromises();
    expect(scrollTop).toBe(1000);

    await app.wrapper.get('button.jump').trigger('click');
    await flushPromises();
    expect(scrollTop).toBe(2500);
    expect(app.wrapper.find('button.jump').exists()).toBe(false);
  });

  it('shows a message that could not be sent as failed with Retry, and Retry delivers it', async () => {
    const app = mountApp();
    await online(app);
    app.relay.refuseMessages.push({ code: 'invalid_payload', message: 'no' });
    const box = app.wrapper.get('textarea[aria-label="Message"]');
    await box.setValue('try me');
    await box.trigger('keydown', { key: 'Enter' });
    await settle();
    await flushPromises();
    const pending = app.wrapper.get('.pending[data-state="failed"]');
    expect(pending.text()).toContain('Not sent');
    await pending.get('button').trigger('click');
    await settle();
    await flushPromises();
    expect(app.wrapper.findAll('.pending')).toHaveLength(0);
    expect(app.relay.room('lobby').messages.map((m) => m.text)).toEqual(['try me']);
  });

  it('shows who is typing, and loads older history on request', async () => {
    const relay = new FakeRelay();
    for (let i = 1; i <= 120; i++) relay.append('lobby', `old ${i}`, ada);
    const app = mountApp({ relay });
    await online(app);
    app.socket().push('typing', { room: 'lobby', user: ada });
    await flushPromises();
    expect(app.wrapper.get('.typing').text()).toBe('Ada is typing…');
    const older = app.wrapper.findAll('button').find((b) => b.text() === 'Load older messages');
    expect(app.client.room('lobby')?.log.messages).toHaveLength(50);
    await older?.trigger('click');
    await flushPromises();
    expect(app.client.room('lobby')?.log.messages).toHaveLength(120);
    expect(app.wrapper.findAll('button').filter((b) => b.text() === 'Load older messages')).toHaveLength(0);
  });

  it('shows join, leave and rename notices in the timeline', async () => {
    const app = mountApp();
    await online(app);
    app.socket().push('user:joined', { room: 'lobby', user: ada });
    app.socket().push('user:renamed', { user: { ...ada, name: 'Ada L.' }, previousName: 'Ada' });
    app.socket().push('user:left', { room: 'lobby', user: { ...ada, name: 'Ada L.' }, reason: 'timeout' });
    await flushPromises();
    const notices = app.wrapper.findAll('.notice').map((n) => n.find('span').text());
    expect(notices).toEqual(['Ada joined', 'Ada is now Ada L.', 'Ada L. lost the connection']);
  });
});

describe('people and identity', () => {
  it('lists online users in a list named "Online users", live', async () => {
    const app = mountApp();
    await online(app);
    app.socket().push('user:joined', { room: 'lobby', user: ada });
    await flushPromises();
    const list = byLabel('Online users');
    expect(list.tagName).toBe('UL');
    expect([...list.querySelectorAll('.user-name')].map((li) => li.textContent)).toEqual(['Ada', 'Vreni Keller']);
    app.socket().push('user:left', { room: 'lobby', user: ada, reason: 'closed' });
    await flushPromises();
    expect([...list.querySelectorAll('.user-name')].map((li) => li.textContent)).toEqual(['Vreni Keller']);
  });

  it('renames through "Change name" → "Display name" + Enter', async () => {
    const app = mountApp();
    await online(app);
    const change = app.wrapper.findAll('button').find((b) => b.text() === 'Change name');
    await change?.trigger('click');
    expect(app.wrapper.findAll('button').filter((b) => b.text() === 'Change name')).toHaveLength(0); // replaced by the form
    const input = app.wrapper.get('input[aria-label="Display name"]');
    expect(document.activeElement).toBe(input.element);
    await input.setValue('Grace Hopper');
    await app.wrapper.get('.name-form').trigger('submit');
    await settle();
    await flushPromises();
    expect(app.relay.me.name).toBe('Grace Hopper');
    expect(app.wrapper.get('.me').text()).toBe('You are Grace Hopper');
  });

  it('speaks German when the browser prefers it, and switches to English on request', async () => {
    const app = mountApp({ languages: ['de-DE', 'en'] });
    expect(app.wrapper.find('textarea[aria-label="Nachricht"]').exists()).toBe(true);
    expect(app.wrapper.find('[role="status"]').text()).toContain('Verbindung');
    await app.wrapper.get('select[aria-label="Sprache"]').setValue('en');
    expect(app.wrapper.find('textarea[aria-label="Message"]').exists()).toBe(true);
    expect(app.storage.getItem('relay-chat.locale')).toBe('en');
  });
});

describe('rooms and connection', () => {
  it('joins a room by name, counts unread messages elsewhere and switches with Alt+Arrow', async () => {
    const app = mountApp();
    await online(app);
    await app.wrapper.get('input[aria-label="Join room"]').setValue('Random');
    await app.wrapper.get('form.join').trigger('submit');
    await settle();
    await flushPromises();
    expect(app.wrapper.get('.room-title').text()).toBe('# random');
    const box = app.wrapper.get('textarea[aria-label="Message"]');
    await box.setValue('half-written for random');
    await app.wrapper.get('.app').trigger('keydown', { key: 'ArrowUp', altKey: true });
    expect(app.wrapper.get('.room-title').text()).toBe('# lobby');
    expect((box.element as HTMLTextAreaElement).value).toBe('');
    await app.wrapper.get('.app').trigger('keydown', { key: 'ArrowDown', altKey: true });
    expect((box.element as HTMLTextAreaElement).value).toBe('half-written for random');
    await app.wrapper.get('.app').trigger('keydown', { key: 'ArrowUp', altKey: true });
    app.socket().push('message', app.relay.append('random', 'psst', ada));
    await flushPromises();
    expect(app.wrapper.get('[aria-label="1 unread"]').text()).toBe('1');
    expect(document.title).toBe('(1) Relay Chat');
  });

  it('comes back after a reload in the last room with its draft, and offers Undo after leaving', async () => {
    const first = mountApp();
    await online(first);
    await first.wrapper.get('input[aria-label="Join room"]').setValue('random');
    await first.wrapper.get('form.join').trigger('submit');
    await settle();
    await flushPromises();
    await first.wrapper.get('textarea[aria-label="Message"]').setValue('unfinished thought');
    first.wrapper.unmount();

    const second = mountApp({ storage: first.storage });
    expect(second.wrapper.get('.room-title').text()).toBe('# random');
    expect((second.wrapper.get('textarea[aria-label="Message"]').element as HTMLTextAreaElement).value).toBe('unfinished thought');
    await second.wrapper.get('button[aria-label="Leave #random"]').trigger('click');
    expect(second.wrapper.get('.room-title').text()).toBe('# lobby');
    expect(second.wrapper.get('.toast').text()).toContain('You left #random.');
    await second.wrapper.get('.toast button').trigger('click');
    expect(second.wrapper.get('.room-title').text()).toBe('# random');
    expect(second.wrapper.find('.toast').exists()).toBe(false);
  });

  it('tells the user when the connection is lost and when the relay drains', async () => {
    const app = mountApp();
    const banner = () => app.wrapper.get('.banner');
    expect(banner().text()).toBe('Connecting to the relay…');
    await online(app);
    expect(banner().attributes('hidden')).toBeDefined();
    app.socket().push('relay:draining', { reconnectInMs: 1000 });
    await flushPromises();
    expect(banner().text()).toContain('restarting');
    app.socket().drop();
    app.socket().accept(true);
    app.socket().drop();
    await flushPromises();
    expect(banner().text()).toBe('Connection lost. Reconnecting…');
  });
});
