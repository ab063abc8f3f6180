import type { SoakMix } from './soak-mix.js';

export interface SoakRoom {
  name: string;
  /** Client indices. */
  members: number[];
}

/** Sizes in [min, max] that add up to `total` (one room of everyone when total ≤ max). */
export function cutIntoRooms(total: number, [min, max]: [number, number], random: () => number): number[] {
  if (min < 1 || max < 2 * min) throw new Error(`room sizes need 1 ≤ min and max ≥ 2 × min (got ${min}–${max})`);
  const sizes: number[] = [];
  let left = total;
  // Every cut leaves at least `min` behind, so the last room is never too small.
  while (left > max) {
    const size = min + Math.floor(random() * (Math.min(max, left - min) - min + 1));
    sizes.push(size);
    left -= size;
  }
  if (left > 0) sizes.push(left);
  return sizes;
}

function shuffled(count: number, random: () => number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/**
 * The soak's chat rooms: `roomsPerClient` layers, each a random partition of all clients into
 * rooms of the mix's sizes. Every client is then in exactly `roomsPerClient` distinct rooms, and
 * its rooms' members are mostly different people, as in a real community.
 */
export function planSoakRooms(clients: number, mix: Pick<SoakMix, 'roomsPerClient' | 'roomSize'>, random: () => number): SoakRoom[] {
  const rooms: SoakRoom[] = [];
  for (let layer = 0; layer < mix.roomsPerClient; layer++) {
    const order = shuffled(clients, random);
    let at = 0;
    for (const size of cutIntoRooms(clients, mix.roomSize, random)) {
      rooms.push({ name: `soak-${rooms.length}`, members: order.slice(at, at + size) });
      at += size;
    }
  }
  return rooms;
}
