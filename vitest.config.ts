import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// One vitest run covers everything: fast units next to the code, then the multi-process
// suites in test/ (real redis-server, several relay processes), which run one file at a time
// because they spawn processes and would fight over the machine's two cores.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'relay/**/*.test.ts', 'desktop/**/*.test.ts', 'bench/**/*.test.ts'],
          environment: 'node',
          testTimeout: 15_000,
        },
      },
      {
        // The web client: its core and stores in a DOM-like environment, components with the SFC plugin.
        plugins: [vue()],
        test: {
          name: 'renderer',
          include: ['renderer/**/*.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['renderer/src/testing/unmount-after-each.ts'],
          testTimeout: 15_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
