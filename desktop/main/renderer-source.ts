import { RENDERER_ENTRY_URL, RENDERER_ORIGIN } from './app-scheme.js';

export interface RendererSource {
  kind: 'bundled' | 'dev-server';
  /** What the chat window loads. */
  url: string;
  /** The origin the chat page runs under: what IPC and navigation checks trust. */
  origin: string;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The bundled renderer build, unless this is an unpackaged run with DESKTOP_DEV_SERVER_URL
 * set (`npm run desktop:dev`). A packaged app ignores the variable: an environment variable
 * must not be able to point an installed app at some other page.
 */
export function resolveRendererSource(options: { isPackaged: boolean; devServerUrl: string | undefined }): RendererSource {
  const { isPackaged, devServerUrl } = options;
  if (isPackaged || devServerUrl === undefined || devServerUrl === '') {
    return { kind: 'bundled', url: RENDERER_ENTRY_URL, origin: RENDERER_ORIGIN };
  }
  let url: URL | undefined;
  try {
    url = new URL(devServerUrl);
  } catch {
    url = undefined;
  }
  if (url === undefined || url.protocol !== 'http:' || !LOCAL_HOSTS.has(url.hostname)) {
    throw new Error(`DESKTOP_DEV_SERVER_URL must be the local Vite dev server, e.g. http://localhost:5173/ (got "${devServerUrl}").`);
  }
  return { kind: 'dev-server', url: url.href, origin: url.origin };
}
