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

/** happy-dom has no layout: give the scroller a size and a content height. */
function fakeLayout(el: HTMLElement, size: { height: number; content: number }) {
  const state = { scrollTop: 0 };
  Object.defineProperty(el, 'clientHeight', { configurable: true, get: () => size.height });
  Object.defineProperty(el, 'scrollHeight', { configurable: true, get: () => size.content });
  Object.defineProperty(el, 'scrollTop', {
    configurable: true,
    get: () => state.scrollTop,
    set: (v: number) => (state.scrollTop = Math.max(0, Math.min(v, size.content - size.height))),
  });
  return state;
}

/** Text as a screen reader gets it: without the aria-hidden badges. */
function spokenText(el: Element): string {
  const copy = el.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return (copy.textContent ?? '').trim();
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
    expect(own.get('.body').element.innerHTML).toBe('<div class="text"><p>first line<br>second line</p></div>');
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
    (pending.get('button').element as HTMLElement).focus();
    await pending.get('button').trigger('click');
    await settle();
    await flushPromises();
    expect(app.wrapper.findAll('.pending')).toHaveLength(0);
    expect(document.activeElement?.id).toBe('timeline');
    expect(app.relay.room('lobby').messages.map((m) => m.text)).toEqual(['try me']);
  });

  it('shows who is typing, and loads older history by itself when scrolled to the top', async () => {
    const relay = new FakeRelay();
    for (let i = 1; i <= 120; i++) relay.append('lobby', `old ${i}`, ada);
    const app = mountApp({ relay });
    await online(app);
    app.socket().push('typing', { room: 'lobby', user: ada });
    await flushPromises();
    expect(spokenText(app.wrapper.get('.typing').element)).toBe('Ada is typing…');
    expect(app.client.room('lobby')?.log.messages).toHaveLength(50);
    const log = app.wrapper.get('[role="log"]');
    fakeLayout(log.element as HTMLElement, { height: 500, content: 3000 }).scrollTop = 0;
    await log.trigger('scroll');
    await settle();
    await flushPromises();
    expect(app.client.room('lobby')?.log.messages).toHaveLength(120);
    expect(app.wrapper.findAll('button').filter((b) => /older/i.test(b.text()))).toHaveLength(0);
  });

  it('counts others\' new messages in a pill while scrolled up, and jumps to the bottom when we send', async () => {
    const relay = new FakeRelay();
    for (let i = 1; i <= 40; i++) relay.append('lobby', `m${i}`, ada);
    const app = mountApp({ relay });
    await online(app);
    const log = app.wrapper.get('[role="log"]');
    const layout = fakeLayout(log.element as HTMLElement, { height: 500, content: 3000 });
    layout.scrollTop = 1000;
    await log.trigger('scroll');
    app.socket().push('message', app.relay.append('lobby', 'news 1', ada));
    app.socket().push('message', app.relay.append('lobby', 'news 2', ada));
    await flushPromises();
    expect(app.wrapper.get('button.jump').text()).toBe('2 new messages ↓');
    expect(layout.scrollTop).toBe(1000);

    const box = app.wrapper.get('textarea[aria-label="Message"]');
    await box.setValue('my answer');
    await box.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(layout.scrollTop).toBe(2500);
    expect(app.wrapper.find('button.jump').exists()).toBe(false);
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
  it('tells two people of the same name apart by badge colour and id, and shows authors by their current name', async () => {
    const app = mountApp();
    await online(app);
    const alice1 = { id: 'u-alice-1', name: 'Alice' };
    const alice2 = { id: 'u-alice-2', name: 'Alice' };
    app.socket().push('user:joined', { room: 'lobby', user: alice1 });
    app.socket().push('user:joined', { room: 'lobby', user: alice2 });
    app.socket().push('message', app.relay.append('lobby', 'hi from one', alice1));
    app.socket().push('message', app.relay.append('lobby', 'مرحبا from two', alice2));
    await flushPromises();
    const rows = app.wrapper.findAll('[role="log"] article.message');
    const hues = rows.map((r) => r.get('.avatar').attributes('style'));
    expect(hues[0]).not.toBe(hues[1]);
    expect(rows[0]?.get('.person').attributes('title')).toContain('u-alice-1');
    expect(rows[1]?.get('.body').attributes('dir')).toBe('auto');
    expect(rows[1]?.get('.author').element.tagName).toBe('BDI');

    app.socket().push('user:renamed', { user: { ...alice1, name: 'Alice B.' }, previousName: 'Alice' });
    await flushPromises();
    const first = app.wrapper.findAll('[role="log"] article.message')[0];
    expect(first?.get('.author').text()).toBe('Alice B.');
    expect(first?.get('.person').attributes('title')).toContain('formerly “Alice”');
    expect(app.wrapper.findAll('[role="log"] article.message')[1]?.get('.author').text()).toBe('Alice');
    // The row's accessible name is author, time and text.
    const labelled = first?.attributes('aria-labelledby')?.split(' ') ?? [];
    expect(labelled.map((id) => document.getElementById(id)?.textContent).join(' ')).toMatch(/Alice B\..*\d:\d\d.*hi from one/);
  });

  it('keeps showing the newest name of someone who renamed and then left', async () => {
    const app = mountApp();
    await online(app);
    app.socket().push('user:joined', { room: 'lobby', user: ada });
    app.socket().push('message', app.relay.append('lobby', 'before the rename', ada));
    app.socket().push('user:renamed', { user: { ...ada, name: 'Ada L.' }, previousName: 'Ada' });
    app.socket().push('user:left', { room: 'lobby', user: { ...ada, name: 'Ada L.' }, reason: 'closed' });
    await flushPromises();
    expect(app.wrapper.get('[role="log"] article.message .author').text()).toBe('Ada L.');
  });

  it('shows one sender\'s consecutive messages as a group, name and time once', async () => {
    const app = mountApp();
    await online(app);
    for (const text of ['one', 'two', 'three']) app.socket().push('message', app.relay.append('lobby', text, ada));
    await flushPromises();
    expect(app.wrapper.findAll('[role="log"] article.message').map((r) => r.classes().includes('continued'))).toEqual([false, true, true]);
  });


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

  it('asks before taking a name someone online in our rooms already has, and takes it when saved again', async () => {
    const app = mountApp();
    await online(app);
    app.socket().push('user:joined', { room: 'lobby', user: { id: 'u-bob', name: 'Bob' } });
    await flushPromises();
    await app.wrapper.findAll('button').find((b) => b.text() === 'Change name')!.trigger('click');
    await app.wrapper.get('input[aria-label="Display name"]').setValue('bob');
    await app.wrapper.get('.name-form').trigger('submit');
    await flushPromises();
    expect(app.wrapper.get('#name-error').text()).toBe('Bob in #lobby already has this name, and others could not tell you apart. Save again to use it anyway.');
    expect(app.relay.me.name).not.toBe('bob');
    await app.wrapper.get('.name-form').trigger('submit');
    await settle();
    await flushPromises();
    expect(app.relay.me.name).toBe('bob');
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

  it('explains a refused room name in words, and forgets the error when another room opens', async () => {
    const app = mountApp();
    await online(app);
    const field = app.wrapper.get('input[aria-label="Join room"]');
    await field.setValue('Café Talk');
    await app.wrapper.get('form.join').trigger('submit');
    expect(app.wrapper.get('#join-error').text()).toBe('Room names cannot contain these characters: é, space. Use the letters a–z, digits, “-” and “_”.');
    expect(field.attributes('aria-describedby')).toBe('join-error');
    await field.setValue('cafe');
    await app.wrapper.get('form.join').trigger('submit');
    await settle();
    await flushPromises();
    expect(app.wrapper.find('#join-error').exists()).toBe(false);
    await field.setValue('-bad');
    await app.wrapper.get('form.join').trigger('submit');
    expect(app.wrapper.find('#join-error').exists()).toBe(true);
    await app.wrapper.get('.app').trigger('keydown', { key: 'ArrowUp', altKey: true });
    expect(app.wrapper.find('#join-error').exists()).toBe(false);
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
