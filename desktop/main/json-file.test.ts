import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJsonFile, writeJsonFileAtomic } from './json-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'json-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('json files', () => {
  it('reads back what was written, creating missing folders', async () => {
    const file = join(dir, 'nested', 'deeper', 'state.json');
    await writeJsonFileAtomic(file, { a: 1, b: ['x'] });
    expect(await readJsonFile(file)).toEqual({ a: 1, b: ['x'] });
  });

  it('gives undefined for a missing file and throws on broken JSON', async () => {
    expect(await readJsonFile(join(dir, 'missing.json'))).toBeUndefined();
    await writeFile(join(dir, 'broken.json'), '{"a":');
    await expect(readJsonFile(join(dir, 'broken.json'))).rejects.toThrow(SyntaxError);
  });

  it('leaves no temporary files behind, also when saves overlap', async () => {
    const file = join(dir, 'state.json');
    await Promise.all([1, 2, 3, 4].map((n) => writeJsonFileAtomic(file, { n })));
    expect(await readdir(dir)).toEqual(['state.json']);
    expect(JSON.parse(await readFile(file, 'utf8'))).toHaveProperty('n');
  });
});
