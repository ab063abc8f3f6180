import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { settle } from './core/testing/create-test-client.js';
import { FakeRelay } from './core/testing/fake-relay.js';
import { mountApp } from './testing/mount-app.js';

// Replies, reactions, edits, deletes, mentions, the topic and read positions (contract v1.1),
// as a user drives them: by the buttons' accessible names and the keyboard.

const ada = { id: 'u-ada', name: 'Ada' };

async function online(relay = new FakeRelay()) {
  const app = mountApp({ relay });
  app.client.start();
  app.socket().accept();
  await idle();
  return app;
}

async function idle() {
  await settle();
  await flushPromises();
}

const requests = (relay: FakeRelay, event: string) => relay.requests.filter((r) => r.event === event).map((r) => r.payload);
const byLabel = <T extends HTMLElement = HTMLElement>(label: string, within: ParentNode = document) => {
  const el = within.querySelector<T>(`[aria-label="${label}"]`);
  if (!el) throw new Error(`nothing labelled "${label}"`);
  return el;
};
const messageWith = (text: string) => [...document.querySelectorAll<HTMLElement>('[role="log"] article.message')].find((el) => el.textContent?.includes(text))!;
const composer = () => byLabel<HTMLTextAreaElement>('Message');

async function type(box: HTMLTextAreaElement, text: string) {
  box.value = text;
  box.setSelectionRange(text.length, text.length);
  box.dispatchEvent(new Event('input'));
  await flushPromises();
}
async function press(el: HTMLElement, key: string) {
  el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  await idle();
}
async function click(el: HTMLElement) {
  el.click();
  await idle();
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('changing messages', () => {
  it('replies with a quote above the composer and above the sent message', async () => {
    const relay = new FakeRelay();
    relay.append('lobby', 'Who brings the cake?', ada);
    const app = await online(relay);
    await click(byLabel('Reply', messageWith('Who brings the cake?')));
    expect(document.querySelector('.reply-preview')?.textContent).toContain('Replying to Ada');
    expect(document.activeElement).toBe(composer());
    await type(composer(), 'I do');
    await press(composer(), 'Enter');
    expect(requests(relay, 'message').at(-1)).toMatchObject({ text: 'I do', replyTo: 'm-lobby-e1-1' });
    expect(document.querySelector('.reply-preview')).toBeNull();
    const quote = messageWith('I do').querySelector('button.reply-quote')!;
    expect([quote.querySelector('.reply-author')?.textContent, quote.querySelector('.reply-excerpt')?.textContent]).toEqual(['In reply to Ada:', 'Who brings the cake?']);
    app.wrapper.unmount();
  });

  it('reacts through the picker (searched by name), shows the chip with count and who, and toggles it', async () => {
    const relay = new FakeRelay();
    relay.append('lobby', 'Release is out', ada);
    await online(relay);
    await click(byLabel('React', messageWith('Release is out')));
    const search = byLabel<HTMLInputElement>('Search emoji');
    expect(document.activeElement).toBe(search);
    search.value = 'herz';
    search.dispatchEvent(new Event('input'));
    await flushPromises();
    await press(search, 'ArrowDown');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Heart');
    await press(document.activeElement as HTMLElement, 'ArrowUp');
    expect(document.activeElement).toBe(search);
    const found = [...byLabel('Choose a reaction').querySelectorAll('button')];
    expect(found.map((b) => b.textContent?.trim())).toEqual(['❤️']);
    await click(found[0]!);
    expect(requests(relay, 'message:react')).toMatchObject([{ emoji: '❤️', on: true }]);
    const chip = byLabel('❤️ 1: you', messageWith('Release is out'));
    expect(chip.getAttribute('aria-pressed')).toBe('true');
    expect(document.querySelector('[aria-label="Choose a reaction"]')).toBeNull();
    await click(chip);
    expect(requests(relay, 'message:react').at(-1)).toMatchObject({ emoji: '❤️', on: false });
    expect(messageWith('Release is out').querySelector('.reactions')).toBeNull();
  });

  it('edits the last own message with Up in an empty composer, marks it edited, and Esc cancels', async () => {
    const relay = new FakeRelay();
    await online(relay);
    await type(composer(), 'teh typo');
    await press(composer(), 'Enter');
    await press(composer(), 'ArrowUp');
    const editor = byLabel<HTMLTextAreaElement>('Edited text');
    expect(document.activeElement).toBe(editor);
    await press(editor, 'Escape');
    expect(document.querySelector('[aria-label="Edited text"]')).toBeNull();
    expect(document.activeElement).toBe(composer());
    await click(byLabel('Edit message', messageWith('teh typo')));
    await type(byLabel<HTMLTextAreaElement>('Edited text'), 'the typo, fixed');
    await press(byLabel('Edited text'), 'Enter');
    expect(requests(relay, 'message:edit')).toMatchObject([{ text: 'the typo, fixed' }]);
    const edited = messageWith('the typo, fixed');
    expect(edited.querySelector('.edited')?.getAttribute('title')).toMatch(/^Edited /);
  });

  it('deletes only after confirming; the row then says the message was deleted', async () => {
    const relay = new FakeRelay();
    relay.append('lobby', 'someone else’s', ada);
    await online(relay);
    expect(messageWith('someone else’s').querySelector('[aria-label="Delete message"]')).toBeNull();
    await type(composer(), 'oops, wrong room');
    await press(composer(), 'Enter');
    await click(byLabel('Delete message', messageWith('oops, wrong room')));
    expect(document.activeElement?.textContent?.trim()).toBe('Keep');
    expect(requests(relay, 'message:delete')).toHaveLength(0);
    await click([...messageWith('oops, wrong room').querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Delete')!);
    expect(requests(relay, 'message:delete')).toHaveLength(1);
    expect(messageWith('Message deleted').classList.contains('deleted')).toBe(true);
    expect(document.body.textContent).not.toContain('oops, wrong room');
  });
});

describe('changes the relay refuses', () => {
  it('says a reaction was not saved when its message is gone, and Discard drops it', async () => {
    const relay = new FakeRelay();
    relay.append('lobby', 'soon gone', ada);
    await online(relay);
    // Deleted on the relay, and this client has not heard yet.
    relay.room('lobby').messages[0]!.deleted = true;
    await click(byLabel('React', messageWith('soon gone')));
    await click(byLabel('Heart'));
    const status = messageWith('soon gone').querySelector('.change-status')!;
    expect(status.textContent).toContain('Your change was not saved: That message is no longer here');
    await click([...status.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Discard')!);
    expect(messageWith('soon gone').querySelector('.change-status')).toBeNull();
  });
});

describe('mentions, topic and read positions', () => {
  it('completes @names of the room’s people from the keyboard and sends who was mentioned', async () => {
    const relay = new FakeRelay();
    relay.room('lobby').users.set(ada.id, ada);
    relay.room('lobby').users.set('u-adi', { id: 'u-adi', name: 'Adi' });
    await online(relay);
    await type(composer(), 'thanks @Ad');
    const options = [...byLabel('People to mention').querySelectorAll('[role="option"]')];
    expect(options.map((o) => o.textContent)).toEqual(['Ada', 'Adi']);
    await press(composer(), 'ArrowDown');
    expect(composer().getAttribute('aria-activedescendant')).toBe('mention-1');
    await press(composer(), 'ArrowUp');
    await press(composer(), 'Enter');
    expect(composer().value).toBe('thanks @Ada ');
    expect(requests(relay, 'message')).toHaveLength(0);
    await press(composer(), 'Enter');
    expect(requests(relay, 'message').at(-1)).toMatchObject({ text: 'thanks @Ada', mentions: ['u-ada'] });
  });

  it('highlights a message that mentions the user', async () => {
    const app = await online();
    app.socket().push('message', { ...app.relay.append('lobby', '@Vreni Keller look', ada), mentions: ['u-me'] });
    await idle();
    expect(messageWith('look').classList.contains('mentions-me')).toBe(true);
    expect(messageWith('look').textContent).toContain('Mentions you');
  });

  it('shows the topic in the header and lets a member change it', async () => {
    const relay = new FakeRelay();
    relay.room('lobby').topic = 'Friday release';
    await online(relay);
    expect(document.querySelector('.room-header .topic')?.textContent).toContain('Friday release');
    await click(byLabel('Edit topic'));
    const input = byLabel<HTMLInputElement>('Topic');
    input.value = 'Monday release';
    input.dispatchEvent(new Event('input'));
    input.form!.dispatchEvent(new Event('submit'));
    await idle();
    expect(requests(relay, 'room:topic')).toMatchObject([{ topic: 'Monday release' }]);
    expect(document.querySelector('.room-header .topic')?.textContent).toContain('Monday release');
  });

  it('puts a "New" divider at the relay’s read position and moves the read position as messages are seen', async () => {
    const relay = new FakeRelay();
    for (const text of ['old one', 'old two', 'new one', 'new two']) relay.append('lobby', text, ada);
    relay.room('lobby').reads = new Map([['u-me', 2]]);
    await online(relay);
    const log = document.querySelector('[role="log"]')!;
    const order = [...log.querySelectorAll('article.message, .new-divider')].map((el) => (el.classList.contains('new-divider') ? 'NEW' : el.querySelector('.body')?.textContent));
    expect(order).toEqual(['old one', 'old two', 'NEW', 'new one', 'new two']);
    // The view is at the bottom and the window has the focus: all four are seen (throttled).
    await vi.waitFor(() => expect(requests(relay, 'room:read').at(-1)).toEqual({ room: 'lobby', seq: 4 }), { timeout: 2000 });
    // The divider stays where the user came in, though the read position moved on.
    expect(log.querySelector('.new-divider')).not.toBeNull();
  });

  it('clears a room’s unread badge when the same user reads it on another connection', async () => {
    const relay = new FakeRelay();
    const app = await online(relay);
    await app.client.joinRoom('dev');
    await idle();
    app.client.setActiveRoom('lobby');
    await idle();
    app.socket().push('message', relay.append('dev', 'ping', ada));
    await idle();
    expect(document.querySelector('.rooms .badge')?.textContent).toBe('1');
    app.socket().push('room:read', { room: 'dev', readSeq: 1 });
    await idle();
    expect(document.querySelector('.rooms .badge')).toBeNull();
  });
});
