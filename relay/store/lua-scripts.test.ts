import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LUA_DIR, LUA_SCRIPTS, type LuaScriptSpec } from './lua-scripts.js';

const specs = Object.entries(LUA_SCRIPTS) as Array<[string, LuaScriptSpec]>;
const loaded = new Set(specs.flatMap(([, spec]) => [spec.file, ...(spec.prelude ?? [])]));
const source = (file: string) => readFileSync(new URL(file, LUA_DIR), 'utf8');

/** The leading comment block, and the code after it. */
function split(lua: string): { header: string[]; code: string[] } {
  const lines = lua.split('\n');
  const end = lines.findIndex((line) => !line.startsWith('--'));
  return { header: lines.slice(0, end), code: lines.slice(end).filter((line) => line.trim() !== '' && !line.trim().startsWith('--')) };
}

/** `KEYS[2 * i + 1]` and `KEYS[2i+1]` alike → `KEYS[2i+1]`. */
const indexOf = (kind: string, index: string) => `${kind}[${index.replace(/[\s*]/g, '')}]`;

/** The header lines a spec calls for: fixed positions first, then per batch entry i. */
function expectedHeader(spec: LuaScriptSpec): string[] {
  const lines = (kind: 'KEYS' | 'ARGV', fixed: readonly string[], each: readonly string[] = []) => [
    ...fixed.map((name, j) => `${kind}[${j + 1}] ${name}`),
    ...each.map((name, j) => {
      const offset = fixed.length - each.length + j + 1;
      return `${kind}[${each.length}i${offset > 0 ? `+${offset}` : offset < 0 ? offset : ''}] ${name}`;
    }),
  ];
  return [...lines('KEYS', spec.keys, spec.each?.keys), ...lines('ARGV', spec.argv, spec.each?.argv)];
}

describe('Lua scripts (relay/store/lua)', () => {
  it('are all loaded: no .lua file the loader does not name, none it names missing', () => {
    expect(readdirSync(LUA_DIR).filter((f) => f.endsWith('.lua')).sort()).toEqual([...loaded].sort());
  });

  it.each(specs)('%s names its KEYS and ARGV in its header, in the order the relay passes them', (_name, spec) => {
    const { header, code } = split(source(spec.file));
    const named = header.flatMap((line) => {
      const match = /^-- (KEYS|ARGV)\[([^\]]+)\] (\w+): \S/.exec(line);
      return match ? [`${indexOf(match[1] as string, match[2] as string)} ${match[3]}`] : [];
    });
    expect(named).toEqual(expectedHeader(spec));
    expect(header.some((line) => line.startsWith('-- Returns '))).toBe(true);
    // What the code reads is what the header names.
    const declared = new Set(named.map((n) => n.split(' ')[0]));
    const read = code.flatMap((line) => [...line.matchAll(/(KEYS|ARGV)\[([^\]]+)\]/g)].map((m) => indexOf(m[1] as string, m[2] as string)));
    expect(read.filter((r) => !declared.has(r))).toEqual([]);
    const names = [...spec.keys, ...spec.argv, ...(spec.each?.keys ?? []), ...(spec.each?.argv ?? [])];
    expect(new Set(names).size, 'a name is both a key and an argument').toBe(names.length);
  });

  it.each(specs)('%s copies its fixed KEYS and ARGV into named locals before any other code', (_name, spec) => {
    const { code } = split(source(spec.file));
    const copy = /^local \w+ = (tonumber\()?(KEYS|ARGV)\[\d+\]\)?$/;
    const copies = code.findIndex((line) => !copy.test(line));
    const top = code.slice(0, copies);
    expect(top).toHaveLength(spec.keys.length + spec.argv.length);
    // Past the copies, only loops over a batch's entries index KEYS and ARGV.
    expect(code.slice(copies).filter((line) => /(KEYS|ARGV)\[\d+\]/.test(line))).toEqual([]);
  });

  it.each(['bucket-step.lua', 'presence-holds.lua', 'room-stream.lua'])('shares %s as functions only: it reads no KEYS or ARGV of its own', (file) => {
    const { header, code } = split(source(file));
    expect(header.length).toBeGreaterThan(0);
    expect(code.filter((line) => /KEYS|ARGV/.test(line))).toEqual([]);
  });
});

describe('the relay build (scripts/copy-lua.mjs)', () => {
  const out = mkdtempSync(join(tmpdir(), 'copy-lua-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('puts every script next to the compiled loader and drops scripts deleted since', () => {
    const outLua = join(out, 'relay/store/lua');
    mkdirSync(outLua, { recursive: true });
    writeFileSync(join(outLua, 'deleted-since.lua'), '-- gone');
    const script = fileURLToPath(new URL('../../scripts/copy-lua.mjs', import.meta.url));
    const run = spawnSync(process.execPath, [script, out], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    for (const file of loaded) expect(readFileSync(join(outLua, file), 'utf8'), file).toBe(source(file));
    expect(existsSync(join(outLua, 'deleted-since.lua'))).toBe(false);
  });
});
