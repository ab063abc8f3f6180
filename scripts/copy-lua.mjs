// Part of `npm run build:relay`: tsc emits only JavaScript, and relay/store/lua-scripts.js reads
// its Lua scripts from ./lua/ next to itself. So every .lua file under the sources tsc compiles
// is copied to the same place under the output directory (tsconfig.build.json: rootDir '.',
// outDir dist), and .lua files left there by a script since deleted are removed.
//   node scripts/copy-lua.mjs [outDir]    (default dist, relative to the repository)
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE_DIRS = ['shared', 'relay'];
const outDir = resolve(ROOT, process.argv[2] ?? 'dist');

/** .lua files under `dir`, relative to `base`. */
function luaFiles(base, dir) {
  if (!existsSync(join(base, dir))) return [];
  return readdirSync(join(base, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : luaFiles(base, path);
    return entry.name.endsWith('.lua') ? [path] : [];
  });
}

const sources = SOURCE_DIRS.flatMap((dir) => luaFiles(ROOT, dir));
const current = new Set(sources);
for (const stale of SOURCE_DIRS.flatMap((dir) => luaFiles(outDir, dir))) {
  if (!current.has(stale)) rmSync(join(outDir, stale));
}
for (const file of sources) {
  mkdirSync(dirname(join(outDir, file)), { recursive: true });
  cpSync(join(ROOT, file), join(outDir, file));
}
