// Dockerfile, .dockerignore and docker-compose.yml read as policy: the image can only be built
// where a Docker engine runs, so what can be checked without one is checked here.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMPOSE_RELAYS, composeHaproxyConfig } from '../../scripts/cluster/compose-haproxy.mjs';
import { imageNodeVersion } from '../../scripts/image-node-version.mjs';
import { RELAY_NODE_FLAGS } from '../../scripts/relay-node-flags.mjs';
import { haproxyAccepts } from './support/haproxy-check.js';
import { buildContextFiles, isIgnored, parseDockerignore } from './support/dockerignore.js';
import { envPairs, execForm, healthcheckCommand, parseDockerfile, type Instruction } from './support/dockerfile.js';

const ROOT = resolve(import.meta.dirname, '../..');
const dockerfile = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const [build, runtime] = dockerfile.stages;
const all = (keyword: string, stage = runtime) => stage?.instructions.filter((i) => i.keyword === keyword) ?? [];
const last = (keyword: string, stage = runtime): Instruction | undefined => all(keyword, stage).at(-1);
const runtimeEnv = () => Object.assign({}, ...all('ENV').map((i) => envPairs(i.args))) as Record<string, string>;

describe('Dockerfile', () => {
  it('is multi-stage on a pinned node:24 (LTS) bookworm-slim base', () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of dockerfile.stages) expect(stage.image).toMatch(/^node:24\.\d+\.\d+-bookworm-slim(@sha256:[0-9a-f]{64})?$/);
    expect(build?.name).toBe('build');
  });

  it("tells CI the image's exact Node version, which .ci/run runs the relay suites on", () => {
    expect(`node:${imageNodeVersion()}-bookworm-slim`).toBe(runtime?.image.split('@')[0]);
    const ci = readFileSync(join(ROOT, '.ci/run'), 'utf8');
    expect(ci).toMatch(/RELAY_NODE="\$\(npx -y -p "node@\$\(node scripts\/image-node-version\.mjs\)" node -p process\.execPath\)"/);
  });

  it('builds with npm ci and npm run build', () => {
    const runs = all('RUN', build).map((i) => i.args);
    expect(runs.some((r) => /^npm ci\b/.test(r))).toBe(true);
    expect(runs).toContain('npm run build');
  });

  it('installs only production dependencies in the runtime stage, never with npm install', () => {
    const runs = all('RUN').map((i) => i.args);
    expect(runs.some((r) => /\bnpm ci\b.*--omit=dev/.test(r))).toBe(true);
    expect(runs.filter((r) => /\bnpm (install|i)\b/.test(r))).toEqual([]);
    const copies = all('COPY');
    expect(copies.filter((c) => c.flags.from === 'build').map((c) => c.args)).toEqual(['/app/dist ./dist']);
    // Nothing else from the build stage (its node_modules has the dev dependencies).
    expect(copies.filter((c) => c.flags.from === undefined).map((c) => c.args)).toEqual(['package.json package-lock.json ./']);
  });

  it('runs as the node user, with tini as PID 1 and node started in exec form', () => {
    expect(last('USER')?.args).toBe('node');
    const userLine = last('USER')?.line ?? Infinity;
    expect(all('RUN').filter((r) => r.line > userLine)).toEqual([]);
    expect(all('RUN').some((r) => /apt-get install .*\btini\b/.test(r.args))).toBe(true);
    expect(execForm(last('ENTRYPOINT')?.args ?? '')).toEqual(['/usr/bin/tini', '--']);
    // Exec form: tini's child is node itself, not a shell that would swallow SIGTERM.
    // With the Node flags the relay runs with everywhere else (scripts/relay-node-flags.mjs).
    expect(execForm(last('CMD')?.args ?? '')).toEqual(['node', ...RELAY_NODE_FLAGS, 'dist/relay/main.js']);
  });

  it('listens on all interfaces on the exposed ports (chat, then metrics) and has a HEALTHCHECK on /healthz', () => {
    const env = runtimeEnv();
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.NODE_ENV).toBe('production');
    expect(last('EXPOSE')?.args.split(/\s+/)).toEqual([env.PORT, env.METRICS_PORT]);
    const healthcheck = last('HEALTHCHECK');
    expect(healthcheck).toBeDefined();
    expect(healthcheckCommand(healthcheck as Instruction)).toMatch(/\/healthz/);
  });

  it('bakes no secret into the image', () => {
    const names = [...dockerfile.stages.flatMap((s) => s.instructions.filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG'))]
      .flatMap((i) => (i.keyword === 'ENV' ? Object.keys(envPairs(i.args)) : [i.args.split('=')[0] ?? '']));
    expect(names.filter((n) => /SECRET|PASSWORD|TOKEN|KEY|REDIS_URL/i.test(n))).toEqual([]);
  });
});

describe('.dockerignore', () => {
  const rules = parseDockerignore(readFileSync(join(ROOT, '.dockerignore'), 'utf8'));

  it('keeps dependencies, git data, old builds and local secrets out of the context', () => {
    for (const path of ['node_modules/x/index.js', 'renderer/node_modules/y.js', '.git/HEAD', 'dist/relay/main.js', '.env', '.env.local', 'npm-debug.log', 'certs/server.key']) {
      expect(isIgnored(rules, path), path).toBe(true);
    }
  });

  it('lets in everything npm ci and npm run build read', () => {
    const context = new Set(buildContextFiles(ROOT));
    for (const path of ['package.json', 'package-lock.json', 'tsconfig.base.json', 'tsconfig.build.json', 'scripts/build.mjs', 'scripts/copy-lua.mjs', 'relay/main.ts', 'relay/store/lua/append-message.lua', 'shared/index.ts']) {
      expect(context.has(path), path).toBe(true);
    }
    expect([...context].filter((p) => p.startsWith('node_modules/') || p.startsWith('dist/') || p.startsWith('test/'))).toEqual([]);
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, Record<string, unknown> & { environment?: Record<string, string>; depends_on?: unknown }>;
    configs: { haproxy: { content: string } };
  };
  // Without a profile: what `docker compose up` starts (the `cluster` profile: compose-cluster.test.ts).
  const always = Object.entries(compose.services).filter(([, s]) => s.profiles === undefined);
  const relays = always.filter(([, s]) => s.environment?.REPLICA_ID);

  it('runs Redis, three relays from this Dockerfile and HAProxy', () => {
    expect(always.map(([name]) => name).sort()).toEqual(['haproxy', 'redis', ...COMPOSE_RELAYS].sort());
    expect(relays.map(([name, s]) => [name, s.environment?.REPLICA_ID, s.build, s.image])).toEqual(
      COMPOSE_RELAYS.map((name) => [name, name, '.', 'relay-chat:0.1.0']),
    );
  });

  it('shares one required RELAY_SECRET and points every relay at the redis service', () => {
    for (const [, relay] of relays) {
      expect(relay.environment?.REDIS_URL).toBe('redis://redis:6379');
      // `:?` makes compose refuse to start without it: no default secret.
      expect(relay.environment?.RELAY_SECRET).toMatch(/^\$\{RELAY_SECRET:\?/);
      expect(relay.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
      expect(relay).toMatchObject({ read_only: true, cap_drop: ['ALL'] });
    }
  });

  it("embeds exactly the generator's HAProxy configuration, which HAProxy accepts", () => {
    const content = compose.configs.haproxy.content;
    expect(content).toBe(composeHaproxyConfig());
    // Compose would interpolate a `$` in the content.
    expect(content).not.toContain('$');
    const check = haproxyAccepts(content);
    expect(check.status, check.stderr).toBe(0);
  });
});
