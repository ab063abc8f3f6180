import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SoakResults } from '../soak/soak-results.js';
import { soakChartSvg } from './soak-chart.js';
import { replaceSoakSection, soakSection } from './soak-doc.js';

/** Writes `docsDir`/reliability/soak.svg and the soak's section of `docsDir`/reliability.md (nothing else of that page). */
export function writeSoakDocs(results: SoakResults, docsDir: string): { chart: string; page: string } {
  const chart = join(docsDir, 'reliability', 'soak.svg');
  const page = join(docsDir, 'reliability.md');
  mkdirSync(join(docsDir, 'reliability'), { recursive: true });
  writeFileSync(chart, soakChartSvg(results));
  const doc = existsSync(page) ? readFileSync(page, 'utf8') : '# Reliability: what happens when things break\n';
  writeFileSync(page, replaceSoakSection(doc, soakSection(results)));
  return { chart, page };
}
