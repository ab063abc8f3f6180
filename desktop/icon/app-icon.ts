/**
 * The app icon, drawn in code: a blue disc with a white speech bubble. Shapes are described
 * in unit coordinates (0..1) and sampled 4×4 per pixel, which gives smooth edges at any size.
 */
type Colour = readonly [number, number, number];

const BLUE: Colour = [59, 110, 245];
const WHITE: Colour = [255, 255, 255];
const RED: Colour = [222, 53, 53];
const SAMPLES = 4;

type Shader = (u: number, v: number) => Colour | null;

function inCircle(u: number, v: number, cx: number, cy: number, r: number): boolean {
  return (u - cx) ** 2 + (v - cy) ** 2 <= r * r;
}

function inRoundedRect(u: number, v: number, left: number, top: number, right: number, bottom: number, r: number): boolean {
  if (u < left || u > right || v < top || v > bottom) return false;
  const cx = Math.min(Math.max(u, left + r), right - r);
  const cy = Math.min(Math.max(v, top + r), bottom - r);
  return inCircle(u, v, cx, cy, r);
}

function inTriangle(u: number, v: number, [a, b, c]: readonly [number, number][]): boolean {
  const side = (p: [number, number], q: [number, number]) => (q[0] - p[0]) * (v - p[1]) - (q[1] - p[1]) * (u - p[0]);
  const [s1, s2, s3] = [side(a!, b!), side(b!, c!), side(c!, a!)];
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

const TAIL: readonly [number, number][] = [
  [0.34, 0.6],
  [0.47, 0.6],
  [0.3, 0.75],
];

const appIcon: Shader = (u, v) => {
  if (!inCircle(u, v, 0.5, 0.5, 0.47)) return null;
  const inBubble = inRoundedRect(u, v, 0.24, 0.28, 0.76, 0.62, 0.09) || inTriangle(u, v, TAIL);
  if (!inBubble) return BLUE;
  const inDot = [0.38, 0.5, 0.62].some((cx) => inCircle(u, v, cx, 0.45, 0.04));
  return inDot ? BLUE : WHITE;
};

const unreadDot: Shader = (u, v) => (inCircle(u, v, 0.5, 0.5, 0.45) ? RED : null);

function render(size: number, shader: Shader): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0];
      let covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = shader((x + (sx + 0.5) / SAMPLES) / size, (y + (sy + 0.5) / SAMPLES) / size);
          if (colour === null) continue;
          covered++;
          for (let c = 0; c < 3; c++) sum[c]! += colour[c]!;
        }
      }
      const offset = (y * size + x) * 4;
      if (covered === 0) continue;
      for (let c = 0; c < 3; c++) rgba[offset + c] = Math.round(sum[c]! / covered);
      rgba[offset + 3] = Math.round((covered / (SAMPLES * SAMPLES)) * 255);
    }
  }
  return rgba;
}

/** RGBA pixels of the app icon at `size`×`size`. */
export function drawAppIcon(size: number): Uint8Array {
  return render(size, appIcon);
}

/** RGBA pixels of the red dot Windows shows over the task bar button when something is unread. */
export function drawUnreadDot(size: number): Uint8Array {
  return render(size, unreadDot);
}
