import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from './key-value-storage.js';
import { MUTES_MAX, RoomMutes } from './room-mutes.js';
import { STORAGE_KEYS } from './storage-keys.js';

describe('RoomMutes', () => {
  it('keeps a mute across a reload and tells its listeners about changes', () => {
    const storage = createMemoryStorage();
    const mutes = new RoomMutes(storage);
    let changes = 0;
    mutes.events.on('changed', () => changes++);
    mutes.set('random', true);
    mutes.set('random', true);
    expect(changes).toBe(1);
    expect(new RoomMutes(storage).isMuted('random')).toBe(true);
    mutes.set('random', false);
    expect(new RoomMutes(storage).isMuted('random')).toBe(false);
    expect(changes).toBe(2);
  });

  it('ignores a saved list that is not a list of room names (storage is user-editable)', () => {
    for (const raw of ['not json', '{"random":true}', '["random", 3]', '["Not A Room!"]', JSON.stringify(Array(MUTES_MAX + 1).fill('a'))]) {
      const mutes = new RoomMutes(createMemoryStorage({ [STORAGE_KEYS.mutes]: raw }));
      expect(mutes.isMuted('random')).toBe(false);
    }
  });

  it('drops the oldest mute once the list is full', () => {
    const storage = createMemoryStorage();
    const mutes = new RoomMutes(storage);
    for (let i = 0; i <= MUTES_MAX; i++) mutes.set(`room-${i}`, true);
    expect(mutes.isMuted('room-0')).toBe(false);
    expect(mutes.isMuted(`room-${MUTES_MAX}`)).toBe(true);
    expect(new RoomMutes(storage).isMuted('room-1')).toBe(true);
  });

  it('follows a list another tab saved', () => {
    const storage = createMemoryStorage();
    const mutes = new RoomMutes(storage);
    let changes = 0;
    mutes.events.on('changed', () => changes++);
    storage.setItem(STORAGE_KEYS.mutes, '["team"]');
    mutes.reload();
    mutes.reload();
    expect(mutes.isMuted('team')).toBe(true);
    expect(changes).toBe(1);
  });
});
