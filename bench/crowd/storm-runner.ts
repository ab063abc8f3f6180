import { startCluster } from '../../scripts/cluster/start-cluster.mjs';
import { startGenerator } from '../cluster/run-generator.js';
import type { GeneratorJob, StormJob } from '../load/generator-protocol.js';
import type { ProgressReporter } from '../progress-reporter.js';
import type { StormPlan } from '../scenarios.js';
import { unmeasuredStorm, type StormRun, type StormVariant } from './crowd-results.js';

/** Connecting thousands through HAProxy, the drain of the outboxes and reading the history, beyond the storm's own limit. */
const OVERHEAD_BUDGET_MS = 4 * 60_000;

/**
 * The relay as deployed (`npm run cluster`'s launcher: Redis with an fsynced append-only file, two
 * replicas, HAProxy), logs at warn and no per-address limit, since every client comes from
 * 127.0.0.1; message limits stay at their defaults (a sender sends a few per second).
 */
function relayEnv(connectRate: number): Record<string, string> {
  return {
    LOG_LEVEL: 'warn',
    MAX_CONNECTIONS_PER_IP: '1000000',
    NAME_API_URL: 'http://127.0.0.1:9/unused',
    ...(connectRate > 0 ? { MAX_CONNECT_RATE: String(connectRate) } : {}),
  };
}

/**
 * (f) One storm per admission rate of the plan, each on a fresh cluster (the last one lost a
 * replica): relay-2 is SIGKILLed by the load generator, relay-1 survives. Ours only: the stock
 * relay has no sessions to resume and no history to check acked messages against.
 */
export async function runStormPlan(plan: StormPlan, connectConcurrency: number, reporter: ProgressReporter, label: string): Promise<StormRun> {
  const variants: StormVariant[] = [];
  for (const connectRate of plan.connectRates) {
    reporter.note(`  ${connectRate > 0 ? `MAX_CONNECT_RATE=${connectRate} per replica` : 'no admission rate'}`);
    const cluster = await startCluster({ replicas: 2, env: relayEnv(connectRate) });
    const generator = startGenerator();
    try {
      const [survivor, victim] = cluster.replicas;
      const job: StormJob & GeneratorJob = {
        kind: 'storm',
        url: cluster.url,
        clients: plan.clients,
        senders: plan.senders,
        ratePerSender: plan.ratePerSender,
        killPid: victim!.pid ?? 0,
        killReplicaId: victim!.id,
        survivorPid: survivor!.pid ?? 0,
        warmupMs: plan.warmupMs,
        afterMs: plan.afterMs,
        stormTimeoutMs: plan.stormTimeoutMs,
        timeBudgetMs: plan.stormTimeoutMs + plan.warmupMs + plan.afterMs + OVERHEAD_BUDGET_MS,
        target: { implementation: 'ours', urls: [cluster.url], relayPids: cluster.replicas.map((r) => r.pid ?? 0), redisPids: [cluster.redis?.pid ?? 0], redisReplicaPids: [] },
        connectConcurrency,
      };
      // One storm that fails (the generator ran out of its budget, say) leaves the others' figures standing.
      const variant = await generator.run(job, (p) => reporter.progress(`${label}${connectRate > 0 ? ` rate ${connectRate}` : ''}`, p)).then(
        (load): StormVariant => ({ connectRate, ...load }),
        (error: unknown) => unmeasuredStorm(connectRate, plan.clients, plan.senders, `failed: ${(error as Error).message.split('\n')[0]}`),
      );
      variants.push(variant);
    } finally {
      await generator.stop();
      await cluster.stop();
    }
  }
  return { kind: 'storm', variants };
}
