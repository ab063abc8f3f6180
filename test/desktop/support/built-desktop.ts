import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Builds the desktop bundles (`npm run build:desktop`) and lays them out as in the packaged app,
 * in a temporary folder: dist/desktop/ as built, and a stand-in dist/renderer/index.html, so the
 * test does not depend on the renderer having been built.
 */
export async function buildDesktopInto(): Promise<{ root: string; desktopDir: string; rendererDir: string }> {
  const run = spawnSync('npm', ['run', '--silent', 'build:desktop'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`npm run build:desktop failed:\n${run.stdout}\n${run.stderr}`);
  const root = await mkdtemp(join(tmpdir(), 'desktop-bundles-'));
  const desktopDir = join(root, 'dist', 'desktop');
  const rendererDir = join(root, 'dist', 'renderer');
  await cp(join('dist', 'desktop'), desktopDir, { recursive: true });
  await mkdir(rendererDir, { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Relay Chat</title><script type="module" src="/assets/app.js"></script>');
  return { root, desktopDir, rendererDir };
}
