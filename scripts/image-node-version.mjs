// Prints the Node version the container image runs (the Dockerfile's NODE_IMAGE, e.g. 24.21.0),
// so CI can run the relay's multi-process suites on exactly that version: `.ci/run` does
//   RELAY_NODE="$(npx -y -p "node@$(node scripts/image-node-version.mjs)" node -p process.execPath)"
// One source of truth: bump the image, and CI tests the new version.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function imageNodeVersion(dockerfile = readFileSync(fileURLToPath(new URL('../Dockerfile', import.meta.url)), 'utf8')) {
  const match = /^ARG NODE_IMAGE=node:(\d+\.\d+\.\d+)-/m.exec(dockerfile);
  if (!match) throw new Error('Dockerfile: no "ARG NODE_IMAGE=node:<x.y.z>-…" line');
  return match[1];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(imageNodeVersion());
