import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Built with `vite build renderer`, so the root is this folder. `base: './'` keeps every asset
// URL relative: the same build is served by the relay at `/` and loaded from relay-chat://app by Electron.
export default defineConfig({
  plugins: [vue()],
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
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
