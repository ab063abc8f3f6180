import type { ScenarioId } from './bench-results.js';
import { FULL_SIZES, SMOKE_SIZES, type ScenarioSizes } from './scenarios.js';

export interface BenchOptions {
  smoke: boolean;
  /** Run only the soak (bench/soak/): many clients chatting for minutes, relay memory sampled. */
  soak: boolean;
  only: ScenarioId[];
  writeDocs: boolean;
  profile: boolean;
  /** Each scenario runs this often per relay; the tables show each relay's median round. */
  rounds: number;
  /** One cluster per implementation for all scenarios (implied by --smoke) instead of one per run. */
  reuseCluster: boolean;
  /** Both relays on a 3 + 3 Redis Cluster instead of one Redis: ours with REDIS_CLUSTER_NODES, stock with the sharded adapter. */
  redisCluster: boolean;
  /** With redisCluster: ours runs with REDIS_REPLICA_ACKS=1 (every send waits for its shard's replica), as a durable deployment would. */
  replicaAcks: boolean;
  outDir: string;
  /** Regenerate the docs from this results file instead of running anything. */
  docsFrom: string | undefined;
  help: boolean;
  sizes: ScenarioSizes;
}

const SCENARIO_IDS: readonly ScenarioId[] = ['a', 'b', 'c', 'd', 'e', 'f'];

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const envName = (key: string) => `BENCH_${kebab(key).replace(/-/g, '_').toUpperCase()}`;

export const USAGE = `npm run bench [-- options]      (npm run bench:smoke: every scenario, tiny)

  --smoke            tiny sizes (a few seconds), as CI runs it
  --soak             run only the soak instead: --soak-clients clients chat for --soak-minutes on
                     2 replicas behind HAProxy, heap and RSS sampled every --soak-sample-seconds;
                     exits 1 when an acked message is lost or duplicated or a heap keeps growing;
                     with --write-docs also writes docs/reliability/soak.svg and its section of
                     docs/reliability.md (with --docs-from=FILE: only that, from a soak's JSON)
  --only=a,c         run only these scenarios (default all):
                       a  one room of --a-clients, a few senders
                       b  saturation: one room growing until p99 or loss gives out
                       c  many small rooms
                       d  idle connections per replica, users in the lobby (RSS per connection)
                       e  lobby fill: --e-clients (a list) join one replica's lobby; time and relay
                          CPU to fill, ours ÷ stock per size and round (--e-timeout-seconds each)
                       f  reconnect storm: --f-clients behind HAProxy, one replica SIGKILLed, then
                          again with MAX_CONNECT_RATE=--f-connect-rate; ours only
  --rounds=N         run each scenario N times per relay, alternating which relay goes first, and
                     report each relay's median round (default 3; 1 with --smoke)
  --write-docs       also write docs/performance.md, docs/perf-latency.svg, docs/perf-throughput.svg
                     and (with (e)) docs/perf-lobby-fill.svg
  --profile          run replica 1 of each relay, and the load generator, with node --cpu-prof;
                     profiles land in <out>/profiles/, their top self-time functions are printed
  --reuse-cluster    one Redis + relays per implementation for every scenario (faster, less
                     isolated; implied by --smoke)
  --redis-cluster    both relays on a 3-primary + 3-replica Redis Cluster instead of one Redis:
                     ours with REDIS_CLUSTER_NODES, stock with Socket.IO's sharded adapter; Redis
                     CPU is then the sum over the primaries (replicas shown apart).
                     Scenarios (a)–(e); (f) and --soak bring their own single Redis.
                     Also BENCH_REDIS_CLUSTER=1
  --replica-acks     with --redis-cluster: ours with REDIS_REPLICA_ACKS=1, each send acked once its
                     shard's replica has it (stock stores nothing, so has nothing to wait for).
                     Also BENCH_REPLICA_ACKS=1
  --out=DIR          where the JSON results go (default bench-results)
  --docs-from=FILE   only regenerate the docs from an earlier run's JSON (e.g. bench-results/latest.json)
  --help

Environment: RELAY_NODE=/path/to/node runs both relays (ours and stock) on that Node binary
instead of this one, e.g. the image's Node 24 as .ci/run fetches it:
  RELAY_NODE="$(npx -y -p "node@$(node scripts/image-node-version.mjs)" node -p process.execPath)"

Sizes (flag or environment variable; defaults are the full run's):
${Object.entries(FULL_SIZES)
  .map(([key, value]) => `${`  --${kebab(key)}=${Array.isArray(value) ? value.join(',') : value}`.padEnd(46)} ${envName(key)}`)
  .join('\n')}`;

function parseSize(key: keyof ScenarioSizes, raw: string, from: string): number | number[] {
  const numbers = raw.split(',').map((part) => Number(part.trim()));
  if (numbers.length === 0 || numbers.some((v) => !Number.isFinite(v) || v <= 0)) {
    throw new Error(`${from} must be ${Array.isArray(FULL_SIZES[key]) ? 'a comma list of' : 'a'} positive number${Array.isArray(FULL_SIZES[key]) ? 's' : ''} (got "${raw}")`);
  }
  if (Array.isArray(FULL_SIZES[key])) return numbers.sort((a, b) => a - b);
  if (numbers.length !== 1) throw new Error(`${from} takes one number (got "${raw}")`);
  return numbers[0]!;
}

/** Command-line flags and BENCH_* environment variables → options; flags win over the environment. */
export function parseBenchOptions(argv: string[], env: Record<string, string | undefined>): BenchOptions {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unexpected argument "${arg}"\n\n${USAGE}`);
    flags.set(match[1]!, match[2] ?? 'true');
  }
  const flag = (name: string, envKey: string) => flags.get(name) ?? env[envKey];
  const bool = (name: string, envKey: string) => ['1', 'true', 'yes'].includes((flag(name, envKey) ?? '').toLowerCase());

  const smoke = bool('smoke', 'BENCH_SMOKE');
  const defaults = smoke ? SMOKE_SIZES : FULL_SIZES;
  const sizes: ScenarioSizes = { ...defaults, bRoomSizes: [...defaults.bRoomSizes], eClients: [...defaults.eClients] };
  const known = new Set(['smoke', 'soak', 'only', 'rounds', 'write-docs', 'profile', 'reuse-cluster', 'redis-cluster', 'replica-acks', 'out', 'docs-from', 'help']);
  for (const key of Object.keys(FULL_SIZES) as Array<keyof ScenarioSizes>) {
    known.add(kebab(key));
    const fromFlag = flags.get(kebab(key));
    const raw = fromFlag ?? env[envName(key)];
    if (raw !== undefined) Object.assign(sizes, { [key]: parseSize(key, raw, fromFlag !== undefined ? `--${kebab(key)}` : envName(key)) });
  }
  const unknown = [...flags.keys()].filter((name) => !known.has(name));
  if (unknown.length > 0) throw new Error(`unknown option --${unknown[0]}\n\n${USAGE}`);

  const soak = bool('soak', 'BENCH_SOAK');
  const onlyRaw = flag('only', 'BENCH_ONLY');
  if (soak && (flags.has('only') || flags.has('rounds') || flags.has('profile') || flags.has('redis-cluster'))) throw new Error('--soak runs only the soak: drop --only, --rounds, --profile and --redis-cluster');
  const only = onlyRaw ? onlyRaw.split(',').map((s) => s.trim().toLowerCase()) : [...SCENARIO_IDS];
  const bad = only.find((id) => !SCENARIO_IDS.includes(id as ScenarioId));
  if (bad !== undefined) throw new Error(`--only takes scenario letters ${SCENARIO_IDS.join(', ')} (got "${bad}")`);

  const redisCluster = bool('redis-cluster', 'BENCH_REDIS_CLUSTER');
  const replicaAcks = bool('replica-acks', 'BENCH_REPLICA_ACKS');
  // One Redis in the bench has no replica: every send would take the degraded path (script, then ROLE).
  if (replicaAcks && !redisCluster) throw new Error('--replica-acks needs --redis-cluster (the single bench Redis has no replica to wait for)');

  const roundsRaw = flag('rounds', 'BENCH_ROUNDS');
  const rounds = roundsRaw === undefined ? (smoke ? 1 : 3) : Number(roundsRaw);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20) throw new Error(`--rounds takes a whole number from 1 to 20 (got "${roundsRaw}")`);

  return {
    smoke,
    soak,
    rounds,
    only: only as ScenarioId[],
    writeDocs: bool('write-docs', 'BENCH_WRITE_DOCS'),
    profile: bool('profile', 'BENCH_PROFILE'),
    reuseCluster: smoke || bool('reuse-cluster', 'BENCH_REUSE_CLUSTER'),
    redisCluster,
    replicaAcks,
    outDir: flag('out', 'BENCH_OUT') ?? 'bench-results',
    docsFrom: flags.get('docs-from'),
    help: flags.has('help'),
    sizes,
  };
}
