import {
  createTestBus,
  createTestDatabase,
  expectEventually,
  freePort,
  ServiceProcess,
  type TestBus,
  type TestDatabase,
} from '@anvil/testing';
import { DEMO_SEED_DEFAULTS, seedDemo } from '@anvil/db';

/**
 * The whole pipeline as `npm run up` runs it, on a small simulated grid: scheduler → submitter → ingester →
 * gateway, each a real process on the real servers, in this file's own schema and namespace.
 */
describe('pipeline', () => {
  let db: TestDatabase;
  let bus: TestBus;
  let gatewayPort: number;
  const services: ServiceProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    bus = await createTestBus();
    await seedDemo(db.dataSource, { ...DEMO_SEED_DEFAULTS, sites: 4, queuesPerSite: 2, timeScale: 0.3 });
    gatewayPort = await freePort();
    const env = { ...db.env, ...bus.env, ANVIL_LOG_LEVEL: 'warn' };
    services.push(
      ServiceProcess.start('ingester', { ...env, ANVIL_INGESTER_PORT: '0' }),
      ServiceProcess.start('scheduler', { ...env, ANVIL_SCHEDULER_PORT: '0', ANVIL_SCHEDULER_ID: 'e2e-scheduler' }),
      ServiceProcess.start('submitter', { ...env, ANVIL_SUBMITTER_PORT: '0', ANVIL_SUBMITTER_ID: 'e2e-submitter' }),
      ServiceProcess.start('gateway', { ...env, ANVIL_GATEWAY_PORT: String(gatewayPort) }),
    );
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await bus.cleanup();
    await db.drop();
  });

  const describeServices = (): string => services.map((service) => service.describe()).join('\n\n');

  it('runs the demo test and serves counters that grow and equal the jobs table', async () => {
    const running = await expectEventually(
      async () => {
        const body = await getJson(`http://127.0.0.1:${gatewayPort}/api/v1/tests?state=running`);
        expect(body.items).toHaveLength(1);
        expect(body.items[0].totals.total).toBeGreaterThan(0);
        return body.items[0];
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${describeServices()}`);
    });
    expect(running.template.name).toBe('demo-functional');
    // The list carries the queue count and the first few queue ids; the test's page has the per-queue table.
    expect(running.queueCount).toBe(8);
    expect(running.firstQueueIds).toHaveLength(5);

    // Counters grow and finished jobs appear.
    await expectEventually(
      async () => {
        const body = await getJson(`http://127.0.0.1:${gatewayPort}/api/v1/tests/${running.id}`);
        expect(body.totals.total).toBeGreaterThan(running.totals.total);
        expect(body.totals.completed + body.totals.failed).toBeGreaterThan(0);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );

    // The API's counters equal the jobs table (read jobs before and after, so a commit in between is seen).
    await expectEventually(
      async () => {
        const before = await jobCounts(running.id);
        const body = await getJson(`http://127.0.0.1:${gatewayPort}/api/v1/tests/${running.id}`);
        const after = await jobCounts(running.id);
        expect(after).toEqual(before);
        const { submitted, running: run, completed, failed, cancelled, lost, total } = body.totals;
        expect({ submitted, running: run, completed, failed, cancelled, lost, total }).toEqual(before);
        // Served from the ingester's live counters in Redis, in the layout both sides share.
        expect(body.countersFrom).toBe('live');
        expect(body.queues).toHaveLength(8);
        expect(body.queues.reduce((sum: number, queue: { total: number }) => sum + queue.total, 0)).toBe(total);
      },
      { timeoutMs: 30_000, intervalMs: 50 },
    );
  });

  async function jobCounts(testId: string): Promise<Record<string, number>> {
    const rows: { state: string; n: number }[] = await db.dataSource.query(
      `SELECT state, count(*)::int AS n FROM jobs WHERE test_id = $1 GROUP BY state`,
      [testId],
    );
    const counts: Record<string, number> = { submitted: 0, running: 0, completed: 0, failed: 0, cancelled: 0, lost: 0 };
    for (const row of rows) {
      counts[row.state] = row.n;
    }
    counts.total = rows.reduce((sum, row) => sum + row.n, 0);
    return counts;
  }
});

async function getJson(url: string): Promise<any> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`GET ${url} → ${response.status} ${await response.text()}`);
  }
  return response.json();
}
