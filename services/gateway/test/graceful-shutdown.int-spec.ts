import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { createApiToken } from '@anvil/db';
import {
  createTestBus,
  createTestDatabase,
  expectEventually,
  freePort,
  ServiceProcess,
  type TestBus,
  type TestDatabase,
} from '@anvil/testing';
import { seedGrid } from './seed-grid';

const DRAIN_DELAY_MS = 1500;
const DRAIN_QUIET_MS = 300;

interface Answer {
  status: number;
  connection: string | undefined;
  sentAt: number;
}

/** GETs on keep-alive connections from `workers` parallel loops, as a load balancer sends them, until `stop()`. */
function keepAliveLoad(base: string, headers: Record<string, string>, workers: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: workers });
  const answers: Answer[] = [];
  const failures: string[] = [];
  let stopped = false;
  const once = (): Promise<void> =>
    new Promise((resolve) => {
      const sentAt = Date.now();
      const req = request(`${base}/api/v1/queues`, { agent, headers }, (res) => {
        res.resume();
        res.on('end', () => {
          answers.push({ status: res.statusCode ?? 0, connection: res.headers.connection, sentAt });
          resolve();
        });
      });
      req.on('error', (error) => {
        failures.push(`${new Date(sentAt).toISOString()} ${error.message}`);
        resolve();
      });
      req.end();
    });
  const loops = Array.from({ length: workers }, async () => {
    while (!stopped) {
      await once();
    }
  });
  return {
    answers,
    failures,
    async stop(): Promise<void> {
      stopped = true;
      await Promise.all(loops);
      agent.destroy();
    },
  };
}

/**
 * A GET whose request line arrives now and whose headers end only when `finish()` is called: a request in flight
 * for as long as the test wants. Resolves `response` with the raw response once the server closes the connection.
 */
function slowGet(port: number, path: string, headers: Record<string, string>) {
  const socket: Socket = connect(port, '127.0.0.1');
  let raw = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (raw += chunk));
  const response = new Promise<string>((resolve, reject) => {
    socket.on('end', () => resolve(raw));
    socket.on('error', reject);
  });
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
  return {
    response,
    finish(): void {
      const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
      socket.write(`${lines.join('')}Connection: keep-alive\r\n\r\n`);
    },
  };
}

function getStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('gateway graceful shutdown (a real gateway process)', () => {
  let db: TestDatabase;
  let bus: TestBus;
  let headers: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    bus = await createTestBus();
    await seedGrid(db.dataSource);
    const { token } = await createApiToken(db.dataSource.manager, {
      name: 'graceful-shutdown',
      role: 'operator',
      createdBy: 'test',
    });
    headers = { Authorization: `Bearer ${token}` };
  });

  afterAll(async () => {
    await bus?.cleanup();
    await db?.drop();
  });

  it('on SIGTERM turns unready at once, serves until the traffic stops, finishes what is in flight, exits 0', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const gateway = ServiceProcess.start('gateway', {
      ...db.env,
      ...bus.env,
      ANVIL_GATEWAY_PORT: String(port),
      ANVIL_DRAIN_DELAY_MS: String(DRAIN_DELAY_MS),
      ANVIL_DRAIN_QUIET_MS: String(DRAIN_QUIET_MS),
      // The drain may take up to half of it: room for a slow machine, where the load takes longer to send.
      ANVIL_SHUTDOWN_TIMEOUT_MS: '30000',
    });
    try {
      await expectEventually(async () => expect(await getStatus(`${base}/readyz`)).toBe(200), { timeoutMs: 30_000 });
      const load = keepAliveLoad(base, headers, 4);
      const slow = slowGet(port, '/api/v1/queues', headers);
      await expectEventually(() => expect(load.answers.length).toBeGreaterThan(20));

      const signalledAt = Date.now();
      const exit = gateway.stop();
      let unreadyAt = 0;
      await expectEventually(
        async () => {
          expect(await getStatus(`${base}/readyz`)).toBe(503);
          unreadyAt = Date.now();
        },
        { timeoutMs: 10_000, intervalMs: 20 },
      );
      // A load balancer goes on sending until its checks see the 503 (HAProxy: ~1.5 s): the gateway still serves
      // what comes after it turned unready.
      const sentWhileUnready = () => load.answers.filter((answer) => answer.sentAt > unreadyAt);
      await expectEventually(() => expect(sentWhileUnready().length).toBeGreaterThanOrEqual(8));
      await load.stop();
      await expectEventually(
        () => expect(gateway.hasLogged('drained: no request any more, closing the HTTP server')).toBe(true),
        { timeoutMs: 20_000 },
      );
      expect(await connectionRefused(port)).toBe(true);
      expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(DRAIN_DELAY_MS);

      // The request in flight since before the signal still gets its whole answer, on a connection then closed.
      slow.finish();
      const slowResponse = await slow.response;
      expect(slowResponse).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(slowResponse.toLowerCase()).toContain('\r\nconnection: close\r\n');
      expect(JSON.parse(slowResponse.slice(slowResponse.indexOf('\r\n\r\n') + 4))).toHaveProperty('items');

      expect(await exit).toEqual({ code: 0, signal: null });
      expect(load.failures).toEqual([]);
      expect(load.answers.filter((answer) => answer.status !== 200)).toEqual([]);
      // Once unready, every answer closes its connection, so no keep-alive connection outlives the drain.
      expect(sentWhileUnready().filter((answer) => answer.connection !== 'close')).toEqual([]);
      expect(gateway.hasLogged('stopped')).toBe(true);
    } finally {
      await gateway.kill();
    }
  });
});
