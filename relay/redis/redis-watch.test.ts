import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { createMetrics } from '../metrics.js';
import { reportReplicaAcks } from './redis-watch.js';

describe('reportReplicaAcks', () => {
  it('counts primaries by ack state and warns when one acks alone or refuses', async () => {
    const lines: Array<{ level: number; msg: string; primary: string; acks: string }> = [];
    const logger = createLogger({ level: 'info', replicaId: 'r1', destination: { write: (line: string) => lines.push(JSON.parse(line)) } });
    const metrics = createMetrics('r1');
    reportReplicaAcks({ primary: '10.0.0.1:6379', state: 'replicas', primaries: { replicas: 1, primary_only: 0, refusing: 0 } }, metrics, logger);
    reportReplicaAcks({ primary: '10.0.0.2:6379', state: 'primary_only', primaries: { replicas: 1, primary_only: 1, refusing: 0 } }, metrics, logger);
    reportReplicaAcks({ primary: '10.0.0.1:6379', state: 'refusing', primaries: { replicas: 0, primary_only: 1, refusing: 1 } }, metrics, logger);
    const values = (await metrics.replicaAckPrimaries.get()).values.map((v) => [v.labels.acks, v.value]);
    expect(Object.fromEntries(values)).toEqual({ replicas: 0, primary_only: 1, refusing: 1 });
    expect(lines.map((l) => [l.level, l.primary, l.acks])).toEqual([
      [30, '10.0.0.1:6379', 'replicas'],
      [40, '10.0.0.2:6379', 'primary_only'],
      [40, '10.0.0.1:6379', 'refusing'],
    ]);
    expect(lines[2]!.msg).toMatch(/replication link down.*refused/);
  });
});
