import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from './key-value-storage.js';
import { RoomViewMemory } from './room-view-memory.js';

describe('room view memory', () => {
  it('keeps the last room and one draft per room across a reload', () => {
    const storage = createMemoryStorage();
    const before = new RoomViewMemory(storage, () => 'u-1');
    before.lastRoom = 'random';
    before.setDraft('random', 'half-written');
    before.setDraft('lobby', 'other');
    const after = new RoomViewMemory(storage, () => 'u-1');
    expect(after.lastRoom).toBe('random');
    expect(after.draft('random')).toBe('half-written');
    expect(after.draft('lobby')).toBe('other');
  });

  it('does not show one user the drafts of another', () => {
    const storage = createMemoryStorage();
    new RoomViewMemory(storage, () => 'u-1').setDraft('lobby', 'secret');
    const other = new RoomViewMemory(storage, () => 'u-2');
    expect(other.draft('lobby')).toBe('');
    expect(other.lastRoom).toBeUndefined();
  });

  it('drops empty drafts and drafts of a room left, and survives a corrupt entry', () => {
    const storage = createMemoryStorage({ 'relay-chat.view.u-1': '{not json' });
    const memory = new RoomViewMemory(storage, () => 'u-1');
    expect(memory.draft('lobby')).toBe('');
    memory.setDraft('a', 'x');
    memory.setDraft('b', 'y');
    memory.setDraft('a', '  ');
    memory.forget('b');
    expect(JSON.parse(storage.getItem('relay-chat.view.u-1') ?? '')).toEqual({ drafts: {} });
  });
});
