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
      // The tracker's clock is the test's, so what it decides depends on the order of events, not on how fast
      // this machine runs them. Probes go on all along, as a load balancer's would.
      let clock = 0;
      const clocked = new HttpRequestTracker(server, () => clock);
      const probes = new ProbeLoop(() => fetchPath('/readyz'));
      try {
        let quiet: boolean | undefined;
        void clocked.waitUntilQuiet({ delayMs: 100, quietMs: 80, maxMs: 2000 }).then((q) => (quiet = q));

        clock = 150;
        await fetchPath('/fast');
        await probes.next();
        clock = 229;
        await probes.next();
        // Past the delay but 79 ms after the last request, so not quiet yet, however long it waits here.
        await sleep(120);
        expect(quiet).toBeUndefined();

        // Quiet 80 ms after the last request, though probes came all along (were they counted, it never would be).
        clock = 230;
        await probes.next();
        await waitFor(() => quiet !== undefined);
        expect(quiet).toBe(true);
      } finally {
        clock = Number.POSITIVE_INFINITY; // ends the wait should the test have failed
        await probes.stop();
      }
    });

    it('gives up at maxMs when the requests never stop', async () => {
      let clock = 0;
      const clocked = new HttpRequestTracker(server, () => clock);
      try {
        let quiet: boolean | undefined;
        void clocked.waitUntilQuiet({ delayMs: 50, quietMs: 100, maxMs: 300 }).then((q) => (quiet = q));
        // A request every 20 ms of its clock: never quiet, so it answers only when the clock reaches maxMs.
        for (clock = 0; clock < 300; clock += 20) {
          await fetchPath('/fast');
          await sleep(10);
          expect(quiet).toBeUndefined();
        }
        clock = 300;
        await waitFor(() => quiet !== undefined);
        expect(quiet).toBe(false);
      } finally {
        clock = Number.POSITIVE_INFINITY; // ends the wait should the test have failed
      }
    });
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// A generous deadline (under Jest's 5 s): it only matters when the condition never comes true.
async function waitFor(condition: () => boolean): Promise<void> {
  const deadline = performance.now() + 4_000;
  while (!condition() && performance.now() < deadline) {
    await sleep(5);
  }
  expect(condition()).toBe(true);
}

/** Sends probes one after another until stopped; every probe is awaited before the test ends. */
class ProbeLoop {
  private readonly sent: Promise<unknown>[] = [];
  private answered = 0;
  private running = true;
  private readonly loop: Promise<void>;

  constructor(probe: () => Promise<unknown>) {
    this.loop = (async () => {
      while (this.running) {
        const answer = probe();
        this.sent.push(answer);
        // A probe that fails (the server closed after a failed test) ends the loop.
        await answer.then(
          () => this.answered++,
          () => (this.running = false),
        );
        await sleep(5);
      }
    })();
  }

  /** Resolves once a probe sent from now on has been answered. */
  async next(): Promise<void> {
    const target = this.answered + 2;
    await waitFor(() => this.answered >= target);
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.allSettled([this.loop, ...this.sent]);
  }
}
