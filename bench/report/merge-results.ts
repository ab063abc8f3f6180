// Puts scenarios measured in a run of their own into an earlier full run's results, so the docs
// can be written from both (`npm run bench -- --docs-from=FILE`); each moved scenario's table
// names the run it came from. Usage:
//   npx tsx bench/report/merge-results.ts <full.json> <separate.json> <out.json>
import { readFileSync, writeFileSync } from 'node:fs';
import type { BenchResults } from '../bench-results.js';

/** `base` with every scenario that `separate` measured taken from `separate`, marked as such. */
export function mergeResults(base: BenchResults, separate: BenchResults): BenchResults {
  if (base.smoke !== separate.smoke || (base.redisCluster ?? false) !== (separate.redisCluster ?? false) || (base.replicaAcks ?? false) !== (separate.replicaAcks ?? false)) {
    throw new Error('the two runs differ in --smoke, --redis-cluster or --replica-acks: their figures do not belong on one page');
  }
  const moved = new Map(separate.scenarios.map((scenario) => [scenario.id, scenario]));
  return {
    ...base,
    scenarios: base.scenarios.map((scenario) => {
      const replacement = moved.get(scenario.id);
      return replacement ? { ...replacement, separateRun: { startedAt: separate.startedAt, command: separate.command } } : scenario;
    }),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [basePath, separatePath, outPath] = process.argv.slice(2);
  if (!basePath || !separatePath || !outPath) {
    console.error('usage: npx tsx bench/report/merge-results.ts <full.json> <separate.json> <out.json>');
    process.exit(2);
  }
  const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as BenchResults;
  writeFileSync(outPath, `${JSON.stringify(mergeResults(read(basePath), read(separatePath)), null, 2)}\n`);
}
