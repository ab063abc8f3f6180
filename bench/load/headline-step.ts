import type { TrafficStep } from '../bench-results.js';
import type { TrafficJob } from './generator-protocol.js';

/** One fixed load: that step. A search: the highest deliveries/s without loss and within the p99 bound. */
export function headlineStep(steps: TrafficStep[], job: Pick<TrafficJob, 'roomSizes' | 'maxP99Ms'>): number | null {
  if (job.roomSizes.length === 1) return steps.length > 0 ? 0 : null;
  let chosen: number | null = null;
  steps.forEach((step, i) => {
    if (step.loss > 0 || step.latency.p99 > job.maxP99Ms) return;
    if (chosen === null || step.deliveriesPerSec > steps[chosen]!.deliveriesPerSec) chosen = i;
  });
  return chosen;
}
