import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Plugin } from 'vite';

/** The worker's output name: fixed, at the root, so its scope is the whole app and browsers find updates. */
export const SERVICE_WORKER_FILE = 'sw.js';
const PLACEHOLDER = /(["'`])__RELAY_CHAT_PRECACHE__\1/;

/** Files from `public/`: copied by Vite outside the bundle, so listed from disk. */
function publicFiles(dir: string): Array<{ name: string; content: Uint8Array }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { name: relative(dir, path).split(sep).join('/'), content: readFileSync(path) };
    });
}

/**
 * Writes the list of built files into the service worker (`sw.js`, built as a second entry of
 * the same build), with a version that changes whenever any of them does — a changed `sw.js`
 * is what makes browsers install the new build's cache and drop the old one. Files matching
 * `onDemand` are listed apart: the worker caches them when the page first fetches them instead
 * of downloading them all at install (the emoji font's subsets: megabytes, most never needed).
 */
export function serviceWorkerPlugin(opts: { onDemand?: RegExp } = {}): Plugin {
  let publicDir = '';
  return {
    name: 'relay-chat:service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle(_options, bundle) {
      const worker = bundle[SERVICE_WORKER_FILE];
      if (worker?.type !== 'chunk') return this.error(`${SERVICE_WORKER_FILE} was not built`);
      // A classic worker script cannot import: the worker must share no chunk with the page.
      if (worker.imports.length > 0) return this.error(`${SERVICE_WORKER_FILE} imports ${worker.imports.join(', ')}`);
      const files = [
        ...Object.values(bundle)
          .filter((file) => file.fileName !== SERVICE_WORKER_FILE && !file.fileName.endsWith('.map') && !file.fileName.startsWith('.vite/'))
          .map((file) => ({ name: file.fileName, content: file.type === 'chunk' ? file.code : file.source })),
        ...publicFiles(publicDir),
      ].sort((a, b) => a.name.localeCompare(b.name));
      const hash = createHash('sha256');
      for (const file of files) hash.update(file.name).update('\0').update(file.content).update('\0');
      const names = files.map((file) => file.name);
      const onDemand = (name: string) => opts.onDemand?.test(name) === true;
      const precache = { version: hash.digest('hex').slice(0, 16), files: names.filter((name) => !onDemand(name)), onDemand: names.filter(onDemand) };
      if (!PLACEHOLDER.test(worker.code)) return this.error(`${SERVICE_WORKER_FILE} has no precache placeholder`);
      worker.code = worker.code.replace(PLACEHOLDER, () => JSON.stringify(JSON.stringify(precache)));
    },
  };
}
