import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that a URL path names ("/" is index.html), or null when the path would
 * escape `root` (`..`, encoded `%2e%2e`, backslashes on Windows) or cannot be decoded.
 */
export function resolveAppFile(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded.replace(/^[/\\]+/, '') || 'index.html';
  const base = resolve(root);
  const file = resolve(base, relative);
  return file.startsWith(base + sep) ? file : null;
}

export interface AppFileResponse {
  status: 200 | 404;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * What the app protocol answers for a path. Every answer carries the page's CSP (it only takes
 * effect on documents, and a header is the one form that also covers the first script) and
 * nosniff, so a file is only ever run as what its extension says.
 */
export async function readAppFile(root: string, pathname: string, csp: string): Promise<AppFileResponse> {
  const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
  const file = resolveAppFile(root, pathname);
  if (file !== null) {
    try {
      const body = await readFile(file);
      return { status: 200, headers: { ...headers, 'Content-Type': contentTypeOf(file) }, body };
    } catch {
      // Missing, a directory, unreadable: all the same to the page.
    }
  }
  return { status: 404, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }, body: Buffer.from('Not found') };
}
