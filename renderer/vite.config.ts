import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { EMOJI_FONT_FILE, emojiFontPlugin } from './vite/emoji-font-plugin.js';
import { SERVICE_WORKER_FILE, serviceWorkerPlugin } from './vite/service-worker-plugin.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Built with `vite build renderer`, so the root is this folder. `base: './'` keeps every asset
// URL relative: the same build is served by the relay at `/` and loaded from relay-chat://app by Electron.
export default defineConfig({
  plugins: [vue(), emojiFontPlugin(), serviceWorkerPlugin({ onDemand: EMOJI_FONT_FILE })],
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      // The service worker is a second entry of the same build, so it is bundled and minified alike.
      input: { index: here('index.html'), sw: here('src/service-worker/service-worker.ts') },
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? SERVICE_WORKER_FILE : 'assets/[name]-[hash].js') },
    },
  },
  server: {
    // `npm run dev:renderer` against a relay on :3000 (npm start).
    proxy: {
      '/socket.io': { target: 'http://127.0.0.1:3000', ws: true },
      '/config.json': 'http://127.0.0.1:3000',
      '/api': 'http://127.0.0.1:3000',
    },
  },
});
