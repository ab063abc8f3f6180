export interface TimelineSample {
  /** ms since the run started */
  t: number;
  connected: number;
  acksPerSec: number;
}

const W = 720;
const H = 260;
const PAD = { left: 48, right: 48, top: 30, bottom: 36 };

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A two-axis timeline: connected clients (left axis) and acked messages per second (right axis)
 * over the run, with the moment of the fault marked. Plain SVG, no dependencies.
 */
export function timelineSvg(title: string, samples: TimelineSample[], faultAtMs: number, clients: number): string {
  const duration = Math.max(1, samples.at(-1)?.t ?? 1);
  const maxRate = Math.max(1, ...samples.map((s) => s.acksPerSec));
  const x = (t: number) => PAD.left + (t / duration) * (W - PAD.left - PAD.right);
  const yLeft = (v: number) => H - PAD.bottom - (v / Math.max(1, clients)) * (H - PAD.top - PAD.bottom);
  const yRight = (v: number) => H - PAD.bottom - (v / maxRate) * (H - PAD.top - PAD.bottom);
  const line = (points: Array<[number, number]>) => points.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
  const connected = line(samples.map((s) => [x(s.t), yLeft(s.connected)]));
  const rate = line(samples.map((s) => [x(s.t), yRight(s.acksPerSec)]));
  const ticks = Array.from({ length: Math.floor(duration / 5000) + 1 }, (_, i) => i * 5000);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${escapeXml(title)}</text>`,
    `<line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" stroke="#999"/>`,
    ...ticks.map((t) => `<text x="${x(t).toFixed(1)}" y="${H - PAD.bottom + 14}" text-anchor="middle" fill="#555">${t / 1000}s</text>`),
    `<text x="${PAD.left - 6}" y="${yLeft(clients).toFixed(1)}" text-anchor="end" fill="#1f6feb">${clients}</text>`,
    `<text x="${PAD.left - 6}" y="${H - PAD.bottom}" text-anchor="end" fill="#1f6feb">0</text>`,
    `<text x="${W - PAD.right + 6}" y="${yRight(maxRate).toFixed(1)}" fill="#d1242f">${Math.round(maxRate)}/s</text>`,
    `<line x1="${x(faultAtMs).toFixed(1)}" y1="${PAD.top}" x2="${x(faultAtMs).toFixed(1)}" y2="${H - PAD.bottom}" stroke="#000" stroke-dasharray="4 3"/>`,
    `<text x="${(x(faultAtMs) + 4).toFixed(1)}" y="${PAD.top + 10}">fault</text>`,
    `<path d="${connected}" fill="none" stroke="#1f6feb" stroke-width="2"/>`,
    `<path d="${rate}" fill="none" stroke="#d1242f" stroke-width="1.5"/>`,
    `<text x="${PAD.left}" y="${H - 6}" fill="#1f6feb">— connected clients</text>`,
    `<text x="${PAD.left + 150}" y="${H - 6}" fill="#d1242f">— acked messages/s</text>`,
    '</svg>',
    '',
  ].join('\n');
}
