// `npm run desktop:dev`: the chat page from Vite's dev server (hot reload on every renderer
// change) inside the Electron shell. Main-process and preload changes need a restart.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'vite';

const build = spawnSync('npm', ['run', '--silent', 'build:desktop'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// The 'electron' package, required from Node, is the path of the Electron binary it downloaded.
const electronBinary = createRequire(import.meta.url)('electron') as string;

const server = await createServer({ root: 'renderer', server: { host: 'localhost', strictPort: false } });
await server.listen();
const devServerUrl = server.resolvedUrls?.local[0];
if (devServerUrl === undefined) throw new Error('The Vite dev server did not report its URL.');
console.log(`renderer dev server: ${devServerUrl}`);

const electron = spawn(electronBinary, ['.'], {
  stdio: 'inherit',
  env: { ...process.env, DESKTOP_DEV_SERVER_URL: devServerUrl },
});
const stop = async (code: number) => {
  await server.close();
  process.exit(code);
};
electron.on('exit', (code) => void stop(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => electron.kill(signal));
