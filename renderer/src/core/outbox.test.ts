import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from './key-value-storage.js';
import { Outbox } from './outbox.js';
import { STORAGE_KEYS } from './storage-keys.js';

const draft = { clientId: 'c1', room: 'lobby', text: 'hello', createdAt: '2026-11-27T12:00:00.000Z' };

describe('Outbox', () => {
  it('keeps unacked messages across a reload (a new Outbox on the same storage), saved by the end of the task', async () => {
    const storage = createMemoryStorage();
    const outbox = new Outbox(storage);
    outbox.add(draft);
    outbox.update('c1', { state: 'failed', error: { code: 'invalid_payload', message: 'x' }, attempts: 2 });
    await Promise.resolve(); // a reload can only happen between tasks
    const reloaded = new Outbox(storage);
    expect(reloaded.list()).toEqual([{ ...draft, state: 'failed', attempts: 2, error: { code: 'invalid_payload', message: 'x' } }]);
  });

  it('forgets an entry once removed, and tells whether it was there', async () => {
    const storage = createMemoryStorage();
    const outbox = new Outbox(storage);
    outbox.add(draft);
    expect(outbox.remove('c1')).toBe(true);
    expect(outbox.remove('c1')).toBe(false);
    await Promise.resolve();
    expect(new Outbox(storage).list()).toEqual([]);
  });

  it('clears a retry error when asked to', () => {
    const outbox = new Outbox(createMemoryStorage());
    outbox.add(draft);
    outbox.update('c1', { error: { code: 'timeout', message: 'slow' } });
    outbox.update('c1', { state: 'sending', error: undefined });
    expect(outbox.get('c1')).not.toHaveProperty('error');
  });

  it('keeps the typing order and saves a burst of changes once', async () => {
    const storage = createMemoryStorage();
    let writes = 0;
    const counting = { ...storage, setItem: (k: string, v: string) => (writes++, storage.setItem(k, v)) };
    const outbox = new Outbox(counting);
    for (let i = 0; i < 1000; i++) outbox.add({ ...draft, clientId: `c${i}` });
    outbox.remove('c0');
    await Promise.resolve();
    expect(writes).toBe(1);
    expect(new Outbox(storage).list().map((e) => e.clientId).slice(0, 3)).toEqual(['c1', 'c2', 'c3']);
  });

  it('starts empty when the stored value is corrupt instead of crashing', () => {
    const storage = createMemoryStorage({ [STORAGE_KEYS.outbox]: '{not json' });
    expect(new Outbox(storage).list()).toEqual([]);
    const wrongShape = createMemoryStorage({ [STORAGE_KEYS.outbox]: JSON.stringify([{ clientId: 1 }]) });
    expect(new Outbox(wrongShape).list()).toEqual([]);
  });
});
