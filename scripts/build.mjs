// Builds every part the relay serves (relay + shared, the web client) and stamps dist/.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { STAMP } from './build-freshness.mjs';

const steps = [['build:relay']];
if (existsSync('renderer/index.html')) steps.push(['build:renderer']);
for (const [script] of steps) {
  console.log(`> npm run ${script}`);
  const run = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
mkdirSync('dist', { recursive: true });
writeFileSync(STAMP, new Date().toISOString());
