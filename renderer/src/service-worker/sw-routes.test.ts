import { describe, expect, it } from 'vitest';
import { routeOf } from './sw-routes.js';

const scope = 'https://chat.example/';
const precached = new Set(['index.html', 'assets/index-abc123.js', 'manifest.webmanifest']);
const onDemand = new Set(['assets/noto-color-emoji-9-400-normal-Dx1.woff2']);
const get = (path: string, mode = 'no-cors') => routeOf({ url: `${scope}${path}`, method: 'GET', mode }, scope, precached, onDemand);

describe('service worker routes', () => {
  it('opens the app shell from the network first, falling back to the cache', () => {
    expect(get('', 'navigate')).toBe('shell');
    expect(get('index.html?x=1', 'navigate')).toBe('shell');
  });

  it('serves built files from the precache', () => {
    expect(get('assets/index-abc123.js')).toBe('precached');
    expect(get('manifest.webmanifest')).toBe('precached');
  });

  it('caches the emoji font subsets the page fetches, and no other unknown file', () => {
    expect(get('assets/noto-color-emoji-9-400-normal-Dx1.woff2', 'cors')).toBe('on-demand');
    expect(get('assets/noto-color-emoji-1-400-normal-Old.woff2', 'cors')).toBe('pass');
  });

  it('asks the network first for the runtime settings', () => {
    expect(get('config.json')).toBe('network-first');
  });

  it('never touches the socket, the API, probes, other origins, unknown files or writes', () => {
    expect(get('socket.io/?EIO=4&transport=polling')).toBe('pass');
    expect(get('api/rooms/lobby/messages?before=10')).toBe('pass');
    expect(get('metrics')).toBe('pass');
    expect(get('readyz', 'navigate')).toBe('pass');
    expect(get('assets/old-999.js')).toBe('pass');
    expect(routeOf({ url: 'https://elsewhere.example/index.html', method: 'GET', mode: 'navigate' }, scope, precached, onDemand)).toBe('pass');
    expect(routeOf({ url: `${scope}socket.io/`, method: 'POST', mode: 'cors' }, scope, precached, onDemand)).toBe('pass');
  });

  it('works under a sub-path scope', () => {
    const sub = 'https://example.org/chat/';
    expect(routeOf({ url: `${sub}api/x`, method: 'GET', mode: 'cors' }, sub, precached, onDemand)).toBe('pass');
    expect(routeOf({ url: `${sub}`, method: 'GET', mode: 'navigate' }, sub, precached, onDemand)).toBe('shell');
  });
});
