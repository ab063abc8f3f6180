// `haproxy -c`: whether HAProxy itself accepts a configuration text (status 0; stderr says why not).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function haproxyAccepts(config: string): SpawnSyncReturns<string> {
  const dir = mkdtempSync(join(tmpdir(), 'haproxy-config-'));
  try {
    writeFileSync(join(dir, 'haproxy.cfg'), config);
    return spawnSync('haproxy', ['-c', '-f', join(dir, 'haproxy.cfg')], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
