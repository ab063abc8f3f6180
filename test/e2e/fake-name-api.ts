import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeNameApi {
  url: string;
  /** How many names were handed out. */
  requests(): number;
  close(): Promise<void>;
}

/**
 * A stand-in for https://randomuser.me/api/ on 127.0.0.1, answering with the real response shape
 * (trimmed to realistic fields) and the same permissive CORS header, so the web page can call it.
 */
export async function startFakeNameApi(names: Array<[first: string, last: string]>): Promise<FakeNameApi> {
  let served = 0;
  const server = createServer((req, res) => {
    const [first, last] = names[served % names.length] ?? ['Test', 'User'];
    served++;
    const body = {
      results: [
        {
          gender: 'female',
          name: { title: 'Ms', first, last },
          location: { city: 'Bern', state: 'Bern', country: 'Switzerland', postcode: 3000 },
          email: `${first.toLowerCase()}.${last.toLowerCase()}@example.com`,
          login: { uuid: `00000000-0000-4000-8000-${String(served).padStart(12, '0')}`, username: `${first.toLowerCase()}${served}` },
          nat: 'CH',
        },
      ],
      info: { seed: `seed${served}`, results: 1, page: 1, version: '1.4' },
    };
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    requests: () => served,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
