/**
 * Hand-written SVG: two small chart kinds are all the performance page needs, and a charting
 * library would be a dependency for a few hundred bytes of markup. Output is deterministic
 * (same data → same bytes), so regenerated docs only change when the numbers do.
 */
export interface LineSeries {
  name: string;
  color: string;
  dashed?: boolean;
  points: Array<[number, number]>;
}

export interface BarSeries {
  name: string;
  color: string;
}

export interface BarGroup {
  label: string;
  /** One value per series, in series order; undefined = not measured. */
  values: Array<number | undefined>;
}

const FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif"';
const MARGIN = { top: 48, right: 24, bottom: 64, left: 72 };

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toFixed(2).replace(/\.?0+$/, ''));

/** "Nice" linear ticks (1, 2, 5 × 10^k) covering [0, max]. */
export function linearTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 0.999; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Powers of ten spanning [min, max] (min > 0). */
export function logTicks(min: number, max: number): number[] {
  const lo = Math.floor(Math.log10(Math.max(min, 1e-6)));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(max, min, 1e-6))));
  return Array.from({ length: hi - lo + 1 }, (_, i) => Number((10 ** (lo + i)).toPrecision(12)));
}

function frame(width: number, height: number, title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="26" text-anchor="middle" font-size="16" font-weight="600" ${FONT} fill="#111827">${escapeXml(title)}</text>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

/** A legend stacked downwards from (x, y), or laid out in a row when `across` is set. */
function legend(items: Array<{ name: string; color: string; dashed?: boolean }>, x: number, y: number, across = 0): string[] {
  return items.flatMap((item, i) => {
    const left = x + i * across;
    const top = across ? y : y + i * 18;
    return [
      `<line x1="${left}" y1="${top}" x2="${left + 22}" y2="${top}" stroke="${item.color}" stroke-width="3"${item.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      `<text x="${left + 28}" y="${top + 4}" font-size="12" ${FONT} fill="#111827">${escapeXml(item.name)}</text>`,
    ];
  });
}

/**
 * Lines over a linear or logarithmic x axis and a linear y axis from 0 to `yMax`. The legend sits
 * in the plot's bottom-right corner, or top-left where the lines run low on the right.
 */
export function lineChart(options: { title: string; xLabel: string; yLabel: string; series: LineSeries[]; xLog?: boolean; yMax?: number; yFormat?: (v: number) => string; width?: number; height?: number; legendAt?: 'bottom-right' | 'top-left' }): string {
  const width = options.width ?? 720;
  const height = options.height ?? 420;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const xs = options.series.flatMap((s) => s.points.map((p) => p[0])).filter((x) => Number.isFinite(x) && (!options.xLog || x > 0));
  const ys = options.series.flatMap((s) => s.points.map((p) => p[1])).filter(Number.isFinite);
  const xTicks = options.xLog ? logTicks(Math.min(...xs, 1), Math.max(...xs, 10)) : linearTicks(Math.max(...xs, 1));
  const [x0, x1] = [xTicks[0]!, xTicks[xTicks.length - 1]!];
  const yTicks = linearTicks(options.yMax ?? Math.max(...ys, 1));
  const yTop = yTicks[yTicks.length - 1]!;
  const px = (x: number) => MARGIN.left + (options.xLog ? (Math.log10(x) - Math.log10(x0)) / (Math.log10(x1) - Math.log10(x0)) : (x - x0) / (x1 - x0 || 1)) * plotW;
  const py = (y: number) => MARGIN.top + plotH - (y / (yTop || 1)) * plotH;
  const yFormat = options.yFormat ?? fmt;
  const body: string[] = [];
  for (const t of yTicks) {
    body.push(`<line x1="${MARGIN.left}" y1="${py(t).toFixed(1)}" x2="${MARGIN.left + plotW}" y2="${py(t).toFixed(1)}" stroke="#e5e7eb"/>`);
    body.push(`<text x="${MARGIN.left - 8}" y="${(py(t) + 4).toFixed(1)}" text-anchor="end" font-size="11" ${FONT} fill="#374151">${escapeXml(yFormat(t))}</text>`);
  }
  for (const t of xTicks) {
    body.push(`<line x1="${px(t).toFixed(1)}" y1="${MARGIN.top}" x2="${px(t).toFixed(1)}" y2="${MARGIN.top + plotH}" stroke="#e5e7eb"/>`);
    body.push(`<text x="${px(t).toFixed(1)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle" font-size="11" ${FONT} fill="#374151">${escapeXml(fmt(t))}</text>`);
  }
  body.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#9ca3af"/>`);
  for (const s of options.series) {
    const points = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (!options.xLog || x > 0));
    if (points.length === 0) continue;
    const d = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${px(Math.min(Math.max(x, x0), x1)).toFixed(1)} ${py(Math.min(y, yTop)).toFixed(1)}`).join(' ');
    body.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
  }
  body.push(`<text x="${MARGIN.left + plotW / 2}" y="${height - 18}" text-anchor="middle" font-size="12" ${FONT} fill="#111827">${escapeXml(options.xLabel)}</text>`);
  body.push(`<text transform="translate(18 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle" font-size="12" ${FONT} fill="#111827">${escapeXml(options.yLabel)}</text>`);
  body.push(
    ...(options.legendAt === 'top-left'
      ? legend(options.series, MARGIN.left + 16, MARGIN.top + 18)
      : legend(options.series, MARGIN.left + plotW - 190, MARGIN.top + plotH - 16 - (options.series.length - 1) * 18)),
  );
  return frame(width, height, options.title, body);
}

/** Grouped vertical bars with their values printed on top. */
export function barChart(options: { title: string; yLabel: string; series: BarSeries[]; groups: BarGroup[]; valueFormat?: (v: number) => string; width?: number; height?: number }): string {
  const width = options.width ?? 720;
  const height = options.height ?? 420;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const values = options.groups.flatMap((g) => g.values).filter((v): v is number => v !== undefined && Number.isFinite(v));
  const yTicks = linearTicks(Math.max(...values, 1));
  const yTop = yTicks[yTicks.length - 1]!;
  const py = (y: number) => MARGIN.top + plotH - (Math.max(0, y) / yTop) * plotH;
  const valueFormat = options.valueFormat ?? ((v: number) => Math.round(v).toLocaleString('en-US'));
  const groupW = plotW / Math.max(1, options.groups.length);
  const barW = Math.min(56, (groupW * 0.7) / Math.max(1, options.series.length));
  const body: string[] = [];
  for (const t of yTicks) {
    body.push(`<line x1="${MARGIN.left}" y1="${py(t).toFixed(1)}" x2="${MARGIN.left + plotW}" y2="${py(t).toFixed(1)}" stroke="#e5e7eb"/>`);
    body.push(`<text x="${MARGIN.left - 8}" y="${(py(t) + 4).toFixed(1)}" text-anchor="end" font-size="11" ${FONT} fill="#374151">${escapeXml(valueFormat(t))}</text>`);
  }
  options.groups.forEach((group, g) => {
    const center = MARGIN.left + groupW * (g + 0.5);
    const left = center - (barW * options.series.length) / 2;
    group.values.forEach((value, s) => {
      const x = left + s * barW;
      if (value === undefined || !Number.isFinite(value)) {
        body.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${MARGIN.top + plotH - 6}" text-anchor="middle" font-size="10" ${FONT} fill="#6b7280">n/a</text>`);
        return;
      }
      const top = py(value);
      body.push(`<rect x="${(x + 2).toFixed(1)}" y="${top.toFixed(1)}" width="${(barW - 4).toFixed(1)}" height="${(MARGIN.top + plotH - top).toFixed(1)}" fill="${options.series[s]?.color ?? '#6b7280'}"/>`);
      body.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${(top - 5).toFixed(1)}" text-anchor="middle" font-size="10" ${FONT} fill="#111827">${escapeXml(valueFormat(value))}</text>`);
    });
    body.push(`<text x="${center.toFixed(1)}" y="${MARGIN.top + plotH + 18}" text-anchor="middle" font-size="12" ${FONT} fill="#111827">${escapeXml(group.label)}</text>`);
  });
  body.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${MARGIN.left + plotW}" y2="${MARGIN.top + plotH}" stroke="#9ca3af"/>`);
  body.push(`<text transform="translate(18 ${MARGIN.top + plotH / 2}) rotate(-90)" text-anchor="middle" font-size="12" ${FONT} fill="#111827">${escapeXml(options.yLabel)}</text>`);
  body.push(...legend(options.series, MARGIN.left, height - 20, 200));
  return frame(width, height, options.title, body);
}
