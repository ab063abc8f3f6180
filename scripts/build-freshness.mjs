// Decides whether dist/ is older than the sources, so `npm start` builds only when needed.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE_DIRS = ['shared', 'relay', 'renderer'];
const SOURCE_FILES = ['package.json', 'tsconfig.base.json', 'tsconfig.build.json'];
export const STAMP = join('dist', '.build-stamp');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function buildIsStale(root = '.') {
  const stamp = join(root, STAMP);
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  const sources = [...SOURCE_DIRS, ...SOURCE_FILES].map((p) => newestMtime(join(root, p)));
  return Math.max(...sources) > built;
}
