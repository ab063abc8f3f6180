// `npm start`: builds when dist/ is missing or older than the sources, then runs the relay in
// this process's place (signals reach node directly, so Ctrl-C and SIGTERM drain properly).
import { spawnSync, spawn } from 'node:child_process';
import { buildIsStale } from './build-freshness.mjs';
import { RELAY_NODE_FLAGS } from './relay-node-flags.mjs';

if (buildIsStale()) {
  console.log('Building (dist/ is missing or older than the sources)…');
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const relay = spawn(process.execPath, [...RELAY_NODE_FLAGS, 'dist/relay/main.js'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => relay.kill(signal));
relay.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
