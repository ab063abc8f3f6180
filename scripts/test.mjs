// `npm test`: the one command a newcomer and CI run. Makes sure the system packages the real
// integration suites need are present, builds what the multi-process tests start, then runs
// every vitest project once.
import { spawnSync } from 'node:child_process';
import { ensureSystemPackages } from './system-packages.mjs';

ensureSystemPackages();
for (const [cmd, args] of [
  [process.execPath, ['scripts/build.mjs']],
  ['npx', ['vitest', 'run', ...process.argv.slice(2)]],
]) {
  const run = spawnSync(cmd, args, { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
