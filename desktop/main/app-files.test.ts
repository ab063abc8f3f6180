import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeOf, readAppFile, resolveAppFile } from './app-files.js';

let dir: string;
let root: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'app-files-'));
  root = join(dir, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>chat</title>');
  await writeFile(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'token');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('resolveAppFile', () => {
  it('maps URL paths to files under the root, "/" to index.html', () => {
    expect(resolveAppFile(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, '/assets/index-abc.js')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppFile(root, '/assets/a%20b.js')).toBe(join(root, 'assets', 'a b.js'));
  });

  it('never leaves the root', () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/..\\secret.txt', '/a%00.js', '/%E0%A4%A']) {
      const file = resolveAppFile(root, path);
      expect(file === null || file.startsWith(root), `${path} → ${file}`).toBe(true);
      expect(file, path).not.toBe(join(dir, 'secret.txt'));
    }
    expect(resolveAppFile(root, '/%2e%2e/secret.txt')).toBeNull();
  });
});

describe('contentTypeOf', () => {
  it('names the types a Vite build contains, and nothing it does not know', () => {
    expect(contentTypeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('a.woff2')).toBe('font/woff2');
    expect(contentTypeOf('a.exe')).toBe('application/octet-stream');
  });
});

describe('readAppFile', () => {
  it('serves the page with its CSP and the right type', async () => {
    const response = await readAppFile(root, '/', "default-src 'none'");
    expect(response.status).toBe(200);
    expect(response.body.toString()).toContain('<title>chat</title>');
    expect(response.headers).toEqual({
      'Content-Security-Policy': "default-src 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Content-Type': 'text/html; charset=utf-8',
    });
  });

  it('answers 404 for missing files, folders and escapes', async () => {
    for (const path of ['/missing.js', '/assets', '/../secret.txt', '/%2e%2e/secret.txt']) {
      const response = await readAppFile(root, path, 'csp');
      expect(response.status, path).toBe(404);
      expect(response.body.toString()).toBe('Not found');
    }
  });
});
