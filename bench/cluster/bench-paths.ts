import { resolve } from 'node:path';

/** Where things live, from the repository root (this file is bench/cluster/bench-paths.ts). */
export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const OUR_RELAY_ENTRY = resolve(REPO_ROOT, 'dist/relay/main.js');
/** bench/ compiled to plain JS, so the baseline and the generator run without a TS loader's overhead. */
export const BENCH_DIST = resolve(REPO_ROOT, 'dist/bench');
export const BASELINE_RELAY_ENTRY = resolve(BENCH_DIST, 'baseline-relay.js');
export const LOAD_GENERATOR_ENTRY = resolve(BENCH_DIST, 'load-generator.js');
