// The test launchers' port picks stay out of the kernel's ephemeral range, where an outgoing
// connection could take a port between the pick and the bind (EADDRINUSE in a chaos run).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { distinctFreePorts, freePort, portIsFree } from '../scripts/cluster/free-port.mjs';

const ephemeralLow = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);

describe('free ports for the launchers', () => {
  it('picks bindable ports below the ephemeral range, Redis Cluster bus ports included', async () => {
    const picks = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    for (const port of picks) expect(port).toBeLessThan(ephemeralLow);
    expect(await portIsFree(picks[0]!)).toBe(true);
    const withBus = await distinctFreePorts(6, { companionOffset: 10_000 });
    expect(new Set(withBus).size).toBe(6);
    for (const port of withBus) expect(port + 10_000).toBeLessThan(ephemeralLow);
  });
});
