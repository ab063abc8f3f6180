import { describe, expect, it } from 'vitest';
import { clusterWouldRetry } from './slot-owner.js';

describe('clusterWouldRetry', () => {
  it('sends again what another node or a later moment would take: redirects, a cluster between states, a closed connection', () => {
    for (const message of ['MOVED 3999 127.0.0.1:7001', 'ASK 3999 127.0.0.1:7001', 'CLUSTERDOWN The cluster is down', 'TRYAGAIN Multiple keys request during rehashing of slot', 'Connection is closed.']) {
      expect(clusterWouldRetry(new Error(message)), message).toBe(true);
    }
  });

  it('answers the rest as they are: a script error or a timeout may have come after the script wrote', () => {
    for (const error of [new Error('ERR user_script:12: Script attempted to access a non local key'), new Error('Command timed out'), new Error('NOSCRIPT No matching script'), 'MOVED 1 x:1', undefined]) {
      expect(clusterWouldRetry(error)).toBe(false);
    }
  });
});
