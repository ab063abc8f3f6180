// Performs a Dockerfile stage's own steps on this machine, in a directory standing in for the
// stage's WORKDIR: COPY from the build context or an earlier stage, RUN in a shell, ENV
// accumulated. What cannot happen outside a container (apt-get into the base image) is skipped
// and reported, so the test can say exactly what it did not do.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import type { Stage } from './dockerfile.js';
import { envPairs } from './dockerfile.js';

export interface ReplayedStage {
  dir: string;
  workdir: string;
  env: Record<string, string>;
  skipped: string[];
}

export interface ReplayOptions {
  /** Repository root (the build context) and the files .dockerignore lets in. */
  root: string;
  contextFiles: string[];
  /** Where this stage's WORKDIR lives on this machine. */
  dir: string;
  /** Earlier stages by name, for COPY --from. */
  stages: Record<string, ReplayedStage>;
  /** Extra environment for RUN steps (e.g. npm_config_prefer_offline). */
  runEnv?: Record<string, string>;
  log?: (line: string) => void;
}

/** Only the base image's package manager is out of reach here. */
const CONTAINER_ONLY = /^apt-get\b/;

function copyFromContext(options: ReplayOptions, sources: string[], destDir: string) {
  for (const source of sources) {
    const clean = source.replace(/^\.\/?/, '').replace(/\/$/, '');
    const files = options.contextFiles.filter((f) => clean === '' || f === clean || f.startsWith(`${clean}/`));
    if (files.length === 0) throw new Error(`COPY source "${source}" is not in the build context`);
    for (const file of files) {
      // COPY of a file keeps its name; COPY of a directory (or `.`) copies what is inside it.
      const relative = clean === '' ? file : file === clean ? posix.basename(file) : file.slice(clean.length + 1);
      const target = join(destDir, relative);
      mkdirSync(dirname(target), { recursive: true });
      cpSync(join(options.root, file), target);
    }
  }
}

export function replayStage(stage: Stage, options: ReplayOptions): ReplayedStage {
  const state: ReplayedStage = { dir: options.dir, workdir: '/', env: {}, skipped: [] };
  mkdirSync(options.dir, { recursive: true });
  const local = (containerPath: string) => {
    const absolute = posix.resolve(state.workdir, containerPath);
    if (!absolute.startsWith(state.workdir)) throw new Error(`${containerPath} is outside WORKDIR ${state.workdir}`);
    return join(options.dir, absolute.slice(state.workdir.length));
  };
  for (const instruction of stage.instructions) {
    const { keyword, args, flags } = instruction;
    if (keyword === 'WORKDIR') state.workdir = posix.resolve(state.workdir, args);
    else if (keyword === 'ENV') Object.assign(state.env, envPairs(args));
    else if (keyword === 'COPY') {
      const parts = args.split(/\s+/);
      const dest = local(parts.pop() ?? '.');
      if (flags.from) {
        const from = options.stages[flags.from];
        if (!from) throw new Error(`COPY --from=${flags.from}: no such stage replayed`);
        if (parts.length !== 1) throw new Error('COPY --from with several sources is not supported here');
        cpSync(join(from.dir, posix.relative(from.workdir, parts[0] as string)), dest, { recursive: true });
      } else copyFromContext(options, parts, dest);
    } else if (keyword === 'RUN') {
      if (CONTAINER_ONLY.test(args)) {
        state.skipped.push(args);
        continue;
      }
      options.log?.(`RUN ${args}`);
      const run = spawnSync('sh', ['-c', args], {
        cwd: options.dir,
        // A clean environment like the image's, plus HOME for npm's cache.
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...state.env, ...options.runEnv },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      if (run.status !== 0) throw new Error(`RUN ${args} failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
    }
  }
  return state;
}
