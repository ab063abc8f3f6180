import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMOJI_FONT_FILE } from './emoji-font-plugin.js';
import { serviceWorkerPlugin } from './service-worker-plugin.js';

type Hook = (this: { error(message: string): never }, options: unknown, bundle: Record<string, unknown>) => void;

/** Runs the plugin's hooks on a fake bundle the way Vite would, and returns the worker's code. */
function build(bundle: Record<string, unknown>, publicFiles: Record<string, string> = {}, onDemand?: RegExp): string {
  const publicDir = mkdtempSync(join(tmpdir(), 'sw-public-'));
  for (const [name, content] of Object.entries(publicFiles)) {
    mkdirSync(join(publicDir, name, '..'), { recursive: true });
    writeFileSync(join(publicDir, name), content);
  }
  const plugin = serviceWorkerPlugin(onDemand ? { onDemand } : {});
  (plugin.configResolved as (config: { publicDir: string }) => void)({ publicDir });
  const context = { error: (message: string): never => { throw new Error(message); } };
  (plugin.generateBundle as Hook).call(context, {}, bundle);
  return (bundle['sw.js'] as { code: string }).code;
}

const worker = (code = 'const p=JSON.parse(`__RELAY_CHAT_PRECACHE__`);') => ({ type: 'chunk', fileName: 'sw.js', code, imports: [] });
const page = (hash: string) => ({
  'index.html': { type: 'asset', fileName: 'index.html', source: `<script src="./assets/index-${hash}.js">` },
  [`assets/index-${hash}.js`]: { type: 'chunk', fileName: `assets/index-${hash}.js`, code: 'app', imports: [] },
  [`assets/index-${hash}.js.map`]: { type: 'asset', fileName: `assets/index-${hash}.js.map`, source: '{}' },
});
const precacheOf = (code: string) =>
  JSON.parse(JSON.parse(/JSON\.parse\((".*")\)/.exec(code)?.[1] ?? '""')) as { version: string; files: string[]; onDemand: string[] };

describe('service worker build plugin', () => {
  it('lists every built and public file (no source maps, not itself) in the worker', () => {
    const code = build({ 'sw.js': worker(), ...page('aaa') }, { 'manifest.webmanifest': '{}', 'icons/icon-192.png': 'png' });
    expect(precacheOf(code).files).toEqual(['assets/index-aaa.js', 'icons/icon-192.png', 'index.html', 'manifest.webmanifest']);
  });

  it('lists the emoji font files apart, to be cached when fetched, never precached', () => {
    const font = (name: string) => ({ [`assets/${name}`]: { type: 'asset', fileName: `assets/${name}`, source: 'wOF2' } });
    const bundle = { 'sw.js': worker(), ...page('aaa'), ...font('noto-color-emoji-9-400-normal-Dx1.woff2'), ...font('noto-color-emoji-0-400-normal-Ab2.woff2') };
    const precache = precacheOf(build(bundle, {}, EMOJI_FONT_FILE));
    expect(precache.files).toEqual(['assets/index-aaa.js', 'index.html']);
    expect(precache.onDemand).toEqual(['assets/noto-color-emoji-0-400-normal-Ab2.woff2', 'assets/noto-color-emoji-9-400-normal-Dx1.woff2']);
  });

  it('changes the version, and so the worker, when any file changes', () => {
    const a = precacheOf(build({ 'sw.js': worker(), ...page('aaa') }, { 'manifest.webmanifest': '{}' })).version;
    const b = precacheOf(build({ 'sw.js': worker(), ...page('bbb') }, { 'manifest.webmanifest': '{}' })).version;
    const c = precacheOf(build({ 'sw.js': worker(), ...page('aaa') }, { 'manifest.webmanifest': '{"name":"x"}' })).version;
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('refuses a worker that imports a chunk of the page or lost its placeholder', () => {
    expect(() => build({ 'sw.js': { ...worker(), imports: ['assets/shared.js'] }, ...page('aaa') })).toThrow(/imports/);
    expect(() => build({ 'sw.js': worker('nothing here'), ...page('aaa') })).toThrow(/placeholder/);
  });
});
