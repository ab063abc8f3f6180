// `npm run build:desktop`: bundles the main process and the two preloads into dist/desktop/
// and copies the settings page next to them.
//
// Each entry is its own bundle with everything but 'electron' inlined: a sandboxed preload
// cannot require() files of ours, and a self-contained main process lets the packaged app
// ship without node_modules (electron-builder.yml leaves them out).
import { cp, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { checkRelayUrl } from './main/relay-url.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outDir = join(root, 'dist', 'desktop');

// The default relay of this build (development: a relay on this computer).
const relayUrl = checkRelayUrl(process.env.DESKTOP_RELAY_URL ?? 'http://localhost:3000');
if (!relayUrl.ok) {
  console.error(`DESKTOP_RELAY_URL: ${relayUrl.message}`);
  process.exit(1);
}

const entries = [
  { entry: 'desktop/main/main.ts', file: 'main.cjs' },
  { entry: 'desktop/preload.ts', file: 'preload.cjs' },
  { entry: 'desktop/settings-preload.ts', file: 'settings-preload.cjs' },
];

await rm(outDir, { recursive: true, force: true });
for (const { entry, file } of entries) {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    define: { __RELAY_CHAT_DEFAULT_RELAY_URL__: JSON.stringify(relayUrl.value) },
    // SSR mode resolves packages for Node (not their browser builds); noExternal bundles them.
    ssr: { noExternal: true, external: ['electron'] },
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: false,
      target: 'node22', // Electron 45's Node
      minify: false,
      sourcemap: false,
      rolldownOptions: {
        external: ['electron', ...builtinModules, ...builtinModules.map((name) => `node:${name}`)],
        output: { format: 'cjs', entryFileNames: file, codeSplitting: false },
      },
    },
  });
}
await cp(join(root, 'desktop', 'settings'), join(outDir, 'settings'), { recursive: true });
console.log(`dist/desktop: ${entries.map((e) => e.file).join(', ')}, settings/ (default relay ${relayUrl.value})`);
