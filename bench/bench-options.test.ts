import { describe, expect, it } from 'vitest';
import { parseBenchOptions } from './bench-options.js';
import { FULL_SIZES, SMOKE_SIZES, scenarios } from './scenarios.js';

describe('parseBenchOptions', () => {
  it('runs every scenario at full size by default, fresh cluster per run', () => {
    const options = parseBenchOptions([], {});
    expect(options).toMatchObject({ smoke: false, rounds: 3, only: ['a', 'b', 'c', 'd', 'e', 'f'], writeDocs: false, profile: false, reuseCluster: false, outDir: 'bench-results' });
    expect(options.sizes).toEqual(FULL_SIZES);
  });

  it('--smoke picks the tiny sizes and reuses one cluster per implementation', () => {
    const options = parseBenchOptions(['--smoke'], {});
    expect(options.sizes).toEqual(SMOKE_SIZES);
    expect(options.reuseCluster).toBe(true);
    expect(options.rounds).toBe(1);
    expect(parseBenchOptions([], { BENCH_SMOKE: '1' }).smoke).toBe(true);
  });

  it('overrides sizes from flags and BENCH_* variables, flags first', () => {
    const options = parseBenchOptions(['--a-clients=200', '--b-room-sizes=300,100,200'], { BENCH_A_CLIENTS: '50', BENCH_D_PER_REPLICA: '1000' });
    expect(options.sizes.aClients).toBe(200);
    expect(options.sizes.dPerReplica).toBe(1000);
    expect(options.sizes.bRoomSizes).toEqual([100, 200, 300]);
    expect(FULL_SIZES.bRoomSizes[0]).toBe(100); // the defaults are not mutated
  });

  it('takes the lobby fill sizes as a list (--e-clients) and the storm sizes as numbers', () => {
    const options = parseBenchOptions(['--only=e,f', '--e-clients=500,100', '--f-clients=2000', '--f-connect-rate=100'], {});
    expect(options.only).toEqual(['e', 'f']);
    expect(options.sizes).toMatchObject({ eClients: [100, 500], fClients: 2000, fConnectRate: 100 });
    expect(FULL_SIZES.eClients).toEqual([1000, 2000, 5000, 10000]);
    expect(() => parseBenchOptions(['--e-clients=100,0'], {})).toThrow(/--e-clients must be a comma list of positive numbers/);
  });

  it('takes --only, --profile, --write-docs and --out', () => {
    const options = parseBenchOptions(['--only=b,d', '--profile', '--write-docs', '--out=/tmp/x'], {});
    expect(options).toMatchObject({ only: ['b', 'd'], profile: true, writeDocs: true, outDir: '/tmp/x' });
  });

  it('takes --rounds (or BENCH_ROUNDS) from 1 to 20', () => {
    expect(parseBenchOptions(['--rounds=5'], {}).rounds).toBe(5);
    expect(parseBenchOptions(['--smoke'], { BENCH_ROUNDS: '2' }).rounds).toBe(2);
    expect(() => parseBenchOptions(['--rounds=0'], {})).toThrow(/--rounds takes a whole number from 1 to 20/);
    expect(() => parseBenchOptions(['--rounds=1.5'], {})).toThrow(/--rounds/);
  });

  it('--redis-cluster (or BENCH_REDIS_CLUSTER) puts our relays on the Redis Cluster; off by default', () => {
    expect(parseBenchOptions([], {}).redisCluster).toBe(false);
    expect(parseBenchOptions(['--only=c', '--redis-cluster', '--rounds=3'], {})).toMatchObject({ only: ['c'], redisCluster: true, rounds: 3 });
    expect(parseBenchOptions([], { BENCH_REDIS_CLUSTER: '1' }).redisCluster).toBe(true);
    expect(parseBenchOptions(['--redis-cluster=false'], { BENCH_REDIS_CLUSTER: '1' }).redisCluster).toBe(false);
    expect(parseBenchOptions(['--redis-cluster', '--replica-acks'], {}).replicaAcks).toBe(true);
    expect(parseBenchOptions(['--redis-cluster'], {}).replicaAcks).toBe(false);
    expect(() => parseBenchOptions(['--replica-acks'], {})).toThrow(/needs --redis-cluster/);
    expect(() => parseBenchOptions(['--soak', '--redis-cluster'], {})).toThrow(/--soak runs only the soak: .*--redis-cluster/);
  });

  it('--soak runs the soak alone, sized by --soak-* flags or BENCH_SOAK_* variables', () => {
    const options = parseBenchOptions(['--soak', '--soak-minutes=0.5', '--write-docs'], { BENCH_SOAK_CLIENTS: '100' });
    expect(options).toMatchObject({ soak: true, writeDocs: true });
    expect(options.sizes).toMatchObject({ soakMinutes: 0.5, soakClients: 100, soakSampleSeconds: 10 });
    expect(parseBenchOptions([], {}).soak).toBe(false);
    expect(() => parseBenchOptions(['--soak', '--only=a'], {})).toThrow(/--soak runs only the soak/);
    expect(() => parseBenchOptions(['--soak', '--soak-minutes=0'], {})).toThrow(/--soak-minutes must be a positive number/);
  });

  it('refuses what it does not understand, with a sentence that says what is wrong', () => {
    expect(() => parseBenchOptions(['--a-clients=many'], {})).toThrow(/--a-clients must be a positive number/);
    expect(() => parseBenchOptions(['--bogus'], {})).toThrow(/unknown option --bogus/);
    expect(() => parseBenchOptions(['--only=g'], {})).toThrow(/scenario letters a, b, c, d, e, f/);
    expect(() => parseBenchOptions(['positional'], {})).toThrow(/unexpected argument/);
    expect(() => parseBenchOptions([], { BENCH_C_ROOMS: '-3' })).toThrow(/BENCH_C_ROOMS/);
  });
});

describe('scenarios', () => {
  it('turns the sizes into the issues\' six jobs', () => {
    const [a, b, c, d, e, f] = scenarios(FULL_SIZES);
    expect(a!.job).toMatchObject({ kind: 'traffic', rooms: 1, roomSizes: [500], sendersPerRoom: 25, ratePerSender: 8, loop: 'open' });
    expect(b!.job).toMatchObject({ kind: 'traffic', rooms: 1, sendersPerRoom: 100, loop: 'closed' });
    expect(b!.job.kind === 'traffic' && b!.job.ratePerSender).toBeLessThan(8);
    expect(c!.job).toMatchObject({ kind: 'traffic', rooms: 200, roomSizes: [10] });
    expect(d!.job).toMatchObject({ kind: 'idle', connectionsPerReplica: 5000 });
    expect(e!.job).toMatchObject({ kind: 'fill', sizes: [1000, 2000, 5000, 10000] });
    expect(e!.replicas).toBe(1);
    expect(f!.job).toMatchObject({ kind: 'storm', clients: 5000, connectRates: [0, FULL_SIZES.fConnectRate] });
    expect(a!.title).toBe('(a) one room, 500 clients, 25 senders × 8 msg/s');
  });
});
