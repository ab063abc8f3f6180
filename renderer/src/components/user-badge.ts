/**
 * A per-person badge colour and initials, derived from the user id (stable and unique-ish even
 * when two people pick the same name; the name can change, the id does not).
 */
export function badgeHue(userId: string): number {
  // FNV-1a: cheap, and spreads similar ids ("u-1", "u-2") across the colour wheel.
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % 360;
}

/** Up to two letters: the first of the first two words ("Vreni Keller" → "VK", "calm" → "C"). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter((w) => w !== '');
  const letters = words.slice(0, 2).map((w) => [...w][0] ?? '');
  return letters.join('').toLocaleUpperCase() || '?';
}
