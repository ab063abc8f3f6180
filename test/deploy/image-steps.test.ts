// The image's own steps, performed in a clean temporary copy (no Docker engine here): the build
// stage's COPY/RUN on the files .dockerignore lets in, the runtime stage's production install
// and COPY --from=build, then the relay started exactly as CMD with the image's ENV.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RELAY_NODE_FLAGS } from '../../scripts/relay-node-flags.mjs';
import { freePort } from '../../scripts/cluster/free-port.mjs';
import { waitFor } from '../../scripts/cluster/wait-for.mjs';
import { buildContextFiles } from './support/dockerignore.js';
import { execForm, healthcheckCommand, parseDockerfile } from './support/dockerfile.js';
import { replayStage, type ReplayedStage } from './support/replay-dockerfile.js';

const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'relay-image-steps-'));
// Two node_modules trees: `rm -rf` is faster than fs.rmSync, and may still take a while on a
// busy disk.
afterAll(() => void spawnSync('rm', ['-rf', work]), 300_000);

function run(command: string[], env: Record<string, string>, cwd: string) {
  const child = spawn(command[0] as string, command.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, exited, output: () => output };
}

describe('the Dockerfile, performed step by step in a clean copy', () => {
  it(
    'builds, installs production dependencies only, serves /healthz from CMD and exits 0 on SIGTERM',
    async () => {
      const dockerfile = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
      const contextFiles = buildContextFiles(ROOT);
      const stages: Record<string, ReplayedStage> = {};
      let runtime: ReplayedStage | undefined;
      for (const [index, stage] of dockerfile.stages.entries()) {
        const replayed = replayStage(stage, {
          root: ROOT,
          contextFiles,
          dir: join(work, stage.name ?? `stage-${index}`),
          stages,
          // Same packages as the image, taken from the local npm cache when it has them.
          runEnv: { npm_config_prefer_offline: 'true' },
        });
        if (stage.name) stages[stage.name] = replayed;
        runtime = replayed;
      }
      if (!runtime) throw new Error('no stage');
      // Only the system package install (tini) is left to the real image build.
      expect(runtime.skipped).toHaveLength(1);
      expect(runtime.skipped[0]).toMatch(/apt-get install .*tini/);

      // Production dependencies only: what the relay imports is there, the toolchain is not.
      for (const dep of ['express', 'socket.io', 'ioredis']) expect(existsSync(join(runtime.dir, 'node_modules', dep)), dep).toBe(true);
      for (const dev of ['typescript', 'vitest', 'electron', 'vite']) expect(existsSync(join(runtime.dir, 'node_modules', dev)), dev).toBe(false);
      expect(existsSync(join(runtime.dir, 'relay'))).toBe(false);

      const runtimeStage = dockerfile.stages.at(-1);
      const cmd = execForm(runtimeStage?.instructions.filter((i) => i.keyword === 'CMD').at(-1)?.args ?? '');
      expect(cmd).toEqual(['node', ...RELAY_NODE_FLAGS, 'dist/relay/main.js']);
      const port = await freePort();
      const metricsPort = await freePort();
      const env = {
        PATH: process.env.PATH ?? '',
        ...runtime.env,
        // The image listens on 0.0.0.0:3000 and :9464; here only loopback, on free ports.
        HOST: '127.0.0.1',
        PORT: String(port),
        METRICS_PORT: String(metricsPort),
        NAME_API_URL: 'http://127.0.0.1:9/unused',
      };
      const relay = run(cmd as string[], env, runtime.dir);
      try {
        await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.status === 200, {
          timeoutMs: 20_000,
          what: `the relay started as CMD to answer /healthz\n${relay.output()}`,
        });
        const body = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as unknown;
        expect(body).toEqual({ status: 'ok' });
        expect(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text()).toContain('relay_connections');
        expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);

        // The image's HEALTHCHECK command, run in the same environment, reports healthy.
        const healthcheck = runtimeStage?.instructions.find((i) => i.keyword === 'HEALTHCHECK');
        const probe = execForm(healthcheckCommand(healthcheck as NonNullable<typeof healthcheck>));
        expect(await run(probe as string[], env, runtime.dir).exited).toBe(0);

        const started = Date.now();
        relay.child.kill('SIGTERM');
        expect(await relay.exited).toBe(0);
        expect(Date.now() - started).toBeLessThan(10_000);
      } finally {
        relay.child.kill('SIGKILL');
      }
    },
    900_000,
  );
});
