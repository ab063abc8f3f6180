import type { FillRun, StormRun, StormVariant } from './crowd-results.js';

const n = (value: number) => value.toLocaleString('en-US');

export function variantName(variant: Pick<StormVariant, 'connectRate'>): string {
  return variant.connectRate > 0 ? `MAX_CONNECT_RATE=${n(variant.connectRate)}` : 'no admission rate';
}

/** One line per run for the progress log: each fill's time and CPU, or each storm's outcome. */
export function crowdSummary(run: FillRun | StormRun): string {
  if (run.kind === 'fill') {
    return run.points
      .map((p) => `${n(p.clients)}: ${p.finished ? `${p.seconds.toFixed(2)} s, relay CPU ${p.relayCpuSeconds.toFixed(2)} s` : (p.note ?? 'did not finish')}`)
      .join(' · ');
  }
  return run.variants
    .map((v) => {
      const back = v.allBackSeconds === null ? 'not everyone back' : `everyone back in ${v.allBackSeconds.toFixed(2)} s`;
      const times = `reconnect p50 ${Math.round(v.reconnectMs.p50)} / p99 ${Math.round(v.reconnectMs.p99)} ms`;
      return `${variantName(v)}: ${back} (${n(v.affected)} affected; ${times}), survivor CPU ${v.survivor.cpuSeconds.toFixed(2)} s, acked ${n(v.acked)}, ${v.verified ? `lost ${v.ackedLost}, duplicated ${v.duplicated}` : 'not verified'}${v.note ? ` — ${v.note}` : ''}`;
    })
    .join('\n  ');
}
