import { describe, expect, it } from 'vitest';
import { seededRandom } from './soak-mix.js';
import { cutIntoRooms, planSoakRooms } from './soak-rooms.js';

describe('planSoakRooms', () => {
  it('puts every client in exactly roomsPerClient distinct rooms of the mix\'s sizes', () => {
    const rooms = planSoakRooms(1000, { roomsPerClient: 2, roomSize: [10, 50] }, seededRandom(1));
    const memberships = new Map<number, string[]>();
    for (const room of rooms) {
      expect(room.members.length).toBeGreaterThanOrEqual(10);
      expect(room.members.length).toBeLessThanOrEqual(50);
      expect(room.name).toMatch(/^[a-z0-9][a-z0-9_-]{0,31}$/); // a valid room name
      for (const member of room.members) memberships.set(member, [...(memberships.get(member) ?? []), room.name]);
    }
    expect(memberships.size).toBe(1000);
    for (const names of memberships.values()) expect(new Set(names).size).toBe(2);
    expect(new Set(rooms.map((r) => r.name)).size).toBe(rooms.length);
  });

  it('is the same plan for the same seed', () => {
    const plan = () => planSoakRooms(100, { roomsPerClient: 2, roomSize: [10, 50] }, seededRandom(7));
    expect(plan()).toEqual(plan());
  });

  it('makes one room of everyone when there are too few clients for two', () => {
    expect(cutIntoRooms(8, [10, 50], seededRandom(1))).toEqual([8]);
    expect(cutIntoRooms(50, [10, 50], seededRandom(1))).toEqual([50]);
    const sizes = cutIntoRooms(51, [10, 50], seededRandom(1));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(51);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(10);
  });

  it('refuses sizes it cannot always cut', () => {
    expect(() => cutIntoRooms(100, [10, 15], seededRandom(1))).toThrow(/max ≥ 2 × min/);
  });
});
