// startProcess (scripts/cluster/managed-process.mjs), which every launcher builds on: nothing it
// started outlives the process that started it, and a stop always ends in an exit.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startProcess } from '../scripts/cluster/managed-process.mjs';
import { waitFor } from '../scripts/cluster/wait-for.mjs';

const MODULE = pathToFileURL(resolve(import.meta.dirname, '../scripts/cluster/managed-process.mjs')).href;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('startProcess', () => {
  it('SIGKILLs what it started when its Node process exits without stopping it', async () => {
    const script = [
      `import { startProcess } from ${JSON.stringify(MODULE)};`,
      "const procs = ['a', 'b'].map((name) => startProcess({ name, command: 'sleep', args: ['60'], detached: true }));",
      "console.log(procs.map((p) => p.pid).join(' '));",
      'process.exit(0);',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    const pids = run.stdout.trim().split(' ').map(Number);
    expect(pids, run.stderr).toHaveLength(2);
    await waitFor(() => pids.every((pid) => !alive(pid)), { what: 'both sleeps to be gone' });
  });

  it('escalates to SIGKILL when the signal is ignored, and drops its exit hook once nothing runs', async () => {
    const before = process.listenerCount('exit');
    const stubborn = startProcess({ name: 'stubborn', command: 'sh', args: ['-c', "trap '' TERM; echo ready; while :; do sleep 0.1; done"] });
    expect(process.listenerCount('exit')).toBe(before + 1);
    await waitFor(() => stubborn.output().includes('ready'), { what: 'the trap to be set' });
    const ended = await stubborn.stop('SIGTERM', 300);
    expect(ended.signal).toBe('SIGKILL');
    expect(stubborn.running()).toBe(false);
    expect(process.listenerCount('exit')).toBe(before);
  });

  it('reports a command that cannot start as exited, with the reason in its output', async () => {
    const missing = startProcess({ name: 'missing', command: 'no-such-command-relay-chat', args: [] });
    const ended = await missing.exited;
    expect(ended.error).toBeInstanceOf(Error);
    expect(missing.running()).toBe(false);
    expect(missing.output()).toMatch(/missing: .*ENOENT/);
  });
});
