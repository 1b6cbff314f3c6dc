import {
  createTestBus,
  createTestDatabase,
  expectEventually,
  freePort,
  ServiceProcess,
  type TestBus,
  type TestDatabase,
} from '@anvil/testing';
import { parsedLines, readLogBatches } from './log-sink-stream.fixtures';

/**
 * The gateway as a real process (`services/gateway/dist`, build it first): its access lines and its own lines reach
 * the bus, down to the last ones it writes while it shuts down.
 */
describe('gateway process: access and application lines on the bus', () => {
  let db: TestDatabase;
  let bus: TestBus;

  beforeAll(async () => {
    db = await createTestDatabase();
    bus = await createTestBus();
  });

  afterAll(async () => {
    await bus?.cleanup();
    await db?.drop();
  });

  it('publishes one access line per request to anvil.access.gateway and its last lines before it exits', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const gateway = ServiceProcess.start('gateway', {
      ...db.env,
      ...bus.env,
      ANVIL_GATEWAY_PORT: String(port),
      ANVIL_LOG_LEVEL: 'info',
      ANVIL_DRAIN_DELAY_MS: '0',
      ANVIL_DRAIN_QUIET_MS: '0',
    });
    try {
      await expectEventually(async () => expect((await fetch(`${base}/readyz`)).status).toBe(200), {
        timeoutMs: 30_000,
      });
      const requestIds = ['gw-access-1', 'gw-access-2', 'gw-access-3'];
      for (const id of requestIds) {
        const response = await fetch(`${base}/api/v1/sites?limit=2`, { headers: { 'x-request-id': id } });
        expect(response.status).toBe(200);
        expect(response.headers.get('x-request-id')).toBe(id);
      }
      expect((await fetch(`${base}/api/v1/no-such-thing`)).status).toBe(404);
      expect(await gateway.stop()).toEqual({ code: 0, signal: null });

      // Nothing is left to arrive: the process has exited.
      const access = parsedLines(await readLogBatches(bus.bus, 'anvil.access.gateway'));
      expect(access.map((line) => line['http.request.id']).slice(0, 3)).toEqual(requestIds);
      expect(access).toHaveLength(4);
      expect(access[0]).toMatchObject({
        'service.name': 'gateway',
        'event.dataset': 'gateway.access',
        'http.request.method': 'GET',
        'url.path': '/api/v1/sites',
        'url.query': 'limit=2',
        'http.route': '/api/v1/sites',
        'http.response.status_code': 200,
        message: 'GET /api/v1/sites 200',
      });
      // The request's trace (OpenTelemetry's HTTP instrumentation), one per request.
      expect(access[0]['trace.id']).toMatch(/^[0-9a-f]{32}$/);
      expect(access[0]['span.id']).toMatch(/^[0-9a-f]{16}$/);
      expect(new Set(access.map((line) => line['trace.id'])).size).toBe(4);
      expect(access[3]).toMatchObject({ 'url.path': '/api/v1/no-such-thing', 'http.response.status_code': 404 });
      // No access line for the health checks, and the same lines on stdout.
      expect(access.some((line) => line['url.path'] === '/readyz')).toBe(false);
      expect(gateway.logs.filter((line) => line['event.dataset'] === 'gateway.access')).toEqual(access);

      const logs = parsedLines(await readLogBatches(bus.bus, 'anvil.log.gateway'));
      const messages = logs.map((line) => line.message);
      // The last line the gateway writes, after its bus and database are closed, is on the bus too.
      expect(messages).toContain('stopped');
      expect(messages).toContain('draining');
      expect(logs.every((line) => line['service.name'] === 'gateway')).toBe(true);
      // stdout and the bus have the same application lines, in the same order.
      const stdoutLines = gateway.logs.filter((line) => line['event.dataset'] !== 'gateway.access');
      expect(logs).toEqual(stdoutLines);
    } finally {
      await gateway.kill();
    }
  });
});
