import { describe, expect, it } from 'vitest';
import { MemoryUserStore } from './memory-user-store.js';
import { NAME_TTL_SEC } from './user-store.js';

describe('memory user store', () => {
  it('forgets identities nobody used for NAME_TTL_SEC, and keeps the ones that come back', async () => {
    let now = 0;
    const store = new MemoryUserStore(() => now);
    for (let i = 0; i < 100; i++) await store.setName(`old-${i}`, 'Old');
    now += (NAME_TTL_SEC / 2) * 1000;
    await store.setName('old-0', 'Back');
    now += (NAME_TTL_SEC / 2) * 1000 + 1;
    // Each new handshake sweeps a few expired ones: 20 of them clear the 99 stale identities.
    for (let i = 0; i < 20; i++) await store.setName(`new-${i}`, 'New');
    expect(store.size).toBe(21);
    expect(await store.getNames(['old-0', 'old-1', 'new-0'])).toEqual(new Map([['old-0', 'Back'], ['new-0', 'New']]));
  });
});
