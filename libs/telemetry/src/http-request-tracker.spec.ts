import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpRequestTracker } from './http-request-tracker';

interface Answer {
  status: number;
  connection: string | undefined;
}

describe(HttpRequestTracker.name, () => {
  let server: Server;
  let tracker: HttpRequestTracker;
  let port: number;
  // Requests to /slow are answered when the test calls `release()`.
  let releases: (() => void)[];

  beforeEach(async () => {
    releases = [];
    server = createServer((request, response) => {
      const answer = () => response.end('ok');
      if (request.url === '/slow') {
        releases.push(answer);
      } else {
        answer();
      }
    });
    tracker = new HttpRequestTracker(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const fetchPath = (path: string): Promise<Answer> =>
    new Promise((resolve, reject) => {
      get({ host: '127.0.0.1', port, path, headers: { Connection: 'keep-alive' } }, (response) => {
        response.resume();
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }),
        );
      }).on('error', reject);
    });

  describe('inFlightCount', () => {
    it('counts requests until their response is sent, but not the probes', async () => {
      const slow = fetchPath('/slow');
      await fetchPath('/readyz');
      await waitFor(() => releases.length === 1);
      expect(tracker.inFlightCount).toBe(1);
      releases[0]();
      await slow;
      await waitFor(() => tracker.inFlightCount === 0);
    });
  });

  describe('startDraining', () => {
    it('makes every later response and those in flight close their connection', async () => {
      expect((await fetchPath('/fast')).connection).toBe('keep-alive');
      const slow = fetchPath('/slow');
      await waitFor(() => releases.length === 1);
      tracker.startDraining();
      expect((await fetchPath('/fast')).connection).toBe('close');
      expect((await fetchPath('/readyz')).connection).toBe('close');
      releases[0]();
      expect(await slow).toEqual({ status: 200, connection: 'close' });
    });
  });

  describe('waitUntilQuiet', () => {
    it('waits the delay when no request comes, and is quiet', async () => {
      const started = performance.now();
      expect(await tracker.waitUntilQuiet({ delayMs: 100, quietMs: 50, maxMs: 1000 })).toBe(true);
      expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    });

    it('waits past the delay while requests keep coming, and probes do not count', async () => {
      let sending = true;
      const traffic = (async () => {
        while (sending) {
          await fetchPath('/fast');
          await sleep(10);
        }
      })();
      const probes = setInterval(() => void fetchPath('/readyz'), 5);
      const started = performance.now();
      setTimeout(() => (sending = false), 300);
      expect(await tracker.waitUntilQuiet({ delayMs: 100, quietMs: 80, maxMs: 2000 })).toBe(true);
      clearInterval(probes);
      await traffic;
      expect(performance.now() - started).toBeGreaterThanOrEqual(370);
    });

    it('gives up at maxMs when the requests never stop', async () => {
      let sending = true;
      const traffic = (async () => {
        while (sending) {
          await fetchPath('/fast');
          await sleep(5);
        }
      })();
      expect(await tracker.waitUntilQuiet({ delayMs: 50, quietMs: 100, maxMs: 300 })).toBe(false);
      sending = false;
      await traffic;
    });
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) {
    await sleep(5);
  }
  expect(condition()).toBe(true);
}
