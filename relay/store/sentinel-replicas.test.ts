import { describe, expect, it } from 'vitest';
import { promotableReplicas, SentinelReplicas } from './sentinel-replicas.js';

describe('Sentinel replicas', () => {
  it('lists the replicas Sentinel could promote, leaving out those down or disconnected', () => {
    const replica = (port: number, flags: string) => ['name', `127.0.0.1:${port}`, 'ip', '127.0.0.1', 'port', String(port), 'flags', flags, 'master-link-status', 'err'];
    const reply = [replica(7001, 'slave'), replica(7002, 's_down,slave'), replica(7003, 'slave,disconnected'), replica(7004, 'o_down,slave'), replica(7005, 'slave,promoted')];
    expect(promotableReplicas(reply)).toEqual(['127.0.0.1:7001', '127.0.0.1:7005']);
    expect(promotableReplicas([])).toEqual([]);
    expect(promotableReplicas('ERR No such master with that name')).toEqual([]);
    expect(promotableReplicas([['ip', '127.0.0.1', 'flags', 'slave']])).toEqual([]);
  });

  it('answers undefined when no Sentinel answers, and without Sentinels', async () => {
    const unreachable = new SentinelReplicas({ sentinels: [{ host: '127.0.0.1', port: 1 }], name: 'mymaster' }, 200);
    await expect(unreachable.list()).resolves.toBeUndefined();
    unreachable.close();
    await expect(new SentinelReplicas({}, 200).list()).resolves.toBeUndefined();
  });
});
