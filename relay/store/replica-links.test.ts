import { describe, expect, it } from 'vitest';
import { linkDown, onlineInRole, onlineReplicas, replicasOfMyself } from './replica-links.js';

describe('replica links', () => {
  it('counts only the replicas a primary has in sync', () => {
    const info = [
      '# Replication',
      'role:master',
      'connected_slaves:2',
      'slave0:ip=127.0.0.1,port=7001,state=online,offset=1043,lag=0',
      'slave1:ip=127.0.0.1,port=7002,state=wait_bgsave,offset=0,lag=0',
      'master_repl_offset:1043',
    ].join('\r\n');
    expect([...onlineReplicas(info)]).toEqual(['127.0.0.1:7001']);
    expect(onlineReplicas('role:master\r\nconnected_slaves:0\r\n').size).toBe(0);
  });

  it("reads a primary's replicas in sync from its ROLE reply, and none from a replica's", () => {
    expect(onlineInRole(['master', 3129659, [['127.0.0.1', '9001', '3129242'], ['127.0.0.1', '9002', '3129543']]])).toEqual(['127.0.0.1:9001', '127.0.0.1:9002']);
    expect(onlineInRole(['master', 0, []])).toEqual([]);
    expect(onlineInRole(['slave', '127.0.0.1', 9000, 'connected', 3167038])).toEqual([]);
    expect(onlineInRole(undefined)).toEqual([]);
  });

  it("lists the replicas in the answering primary's cluster view, leaving out failed ones", () => {
    const nodes = [
      'a1 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-5460',
      'b1 127.0.0.1:7001@17001 slave a1 0 1700000000000 1 connected',
      'b2 127.0.0.1:7002@17002,replica-2.example slave a1 0 1700000000000 1 connected',
      'b3 127.0.0.1:7003@17003 slave,fail a1 0 1700000000000 1 disconnected',
      'b4 127.0.0.1:7004@17004 slave,fail? a1 0 1700000000000 1 connected',
      'c1 127.0.0.1:7005@17005 master - 0 1700000000000 2 connected 5461-10922',
      'c2 127.0.0.1:7006@17006 slave c1 0 1700000000000 2 connected',
      '',
    ].join('\n');
    // A node only suspected (fail?) may still be up: it is asked, not ruled out.
    expect(replicasOfMyself(nodes)).toEqual(['127.0.0.1:7001', '127.0.0.1:7002', '127.0.0.1:7004']);
    expect(replicasOfMyself('')).toEqual([]);
  });

  it('tells a replica cut off from its primary from one in sync, and from a primary', () => {
    expect(linkDown('role:slave\r\nmaster_host:127.0.0.1\r\nmaster_port:7000\r\nmaster_link_status:down\r\n')).toBe(true);
    expect(linkDown('role:slave\r\nmaster_host:127.0.0.1\r\nmaster_port:7000\r\nmaster_link_status:up\r\n')).toBe(false);
    expect(linkDown('role:master\r\nconnected_slaves:0\r\n')).toBe(false);
  });
});
