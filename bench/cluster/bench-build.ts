import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { BENCH_DIST, OUR_RELAY_ENTRY, REPO_ROOT } from './bench-paths.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // testing/ holds test helpers (they import vitest): nothing the relays or the generator run.
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * Compiles bench/ to dist/bench/ file by file (type-only imports vanish, nothing is bundled).
 * The relay processes and the load generator must run as plain `node`: a TypeScript loader
 * (tsx) adds a loader thread and its memory to the baseline relay, which would skew RSS figures.
 * Type checking is `npm run typecheck`'s job. Skipped when dist/bench is newer than every source.
 */
export async function compileBench(): Promise<void> {
  const benchDir = join(REPO_ROOT, 'bench');
  const files = sourceFiles(benchDir);
  const target = (file: string) => join(BENCH_DIST, relative(benchDir, file)).replace(/\.ts$/, '.js');
  const mtime = (file: string) => (existsSync(file) ? statSync(file).mtimeMs : 0);
  if (files.every((file) => mtime(target(file)) >= mtime(file))) return;
  // Loaded only when needed: importing the compiler takes longer than the rest of a smoke run's set-up.
  const { default: ts } = await import('typescript');
  rmSync(BENCH_DIST, { recursive: true, force: true });
  for (const file of files) {
    const output = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true, sourceMap: false },
    });
    mkdirSync(dirname(target(file)), { recursive: true });
    writeFileSync(target(file), output.outputText);
  }
}

function newestSource(dir: string): number {
  return Math.max(0, ...sourceFiles(dir).map((file) => statSync(file).mtimeMs));
}

/** Builds the relay (`npm run build:relay`) when dist/relay is missing or older than relay/ or shared/. */
export function ensureRelayBuilt(log: (line: string) => void): void {
  let built = 0;
  try {
    built = statSync(OUR_RELAY_ENTRY).mtimeMs;
  } catch {
    built = 0;
  }
  const newest = Math.max(newestSource(join(REPO_ROOT, 'relay')), newestSource(join(REPO_ROOT, 'shared')));
  if (built >= newest) return;
  log(built === 0 ? 'dist/relay is missing: npm run build:relay' : 'dist/relay is older than the sources: npm run build:relay');
  const run = spawnSync('npm', ['run', '--silent', 'build:relay'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.status !== 0) throw new Error(`npm run build:relay failed (exit ${run.status}); fix the build first.`);
}
