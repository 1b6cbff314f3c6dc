import { createApiToken, DEMO_SEED_DEFAULTS, seedDemo } from '@anvil/db';
import {
  createTestBus,
  createTestDatabase,
  expectEventually,
  freePort,
  HaproxyProcess,
  ServiceProcess,
  TEST_OPENSEARCH_URL,
  type TestBus,
  type TestDatabase,
} from '@anvil/testing';
import { deleteIndices, searchDocuments, type SearchHit } from './opensearch-search';

/**
 * Issue 7, acceptance 2: a request through HAProxy reaches OpenSearch as one access document from HAProxy and one
 * from the gateway with the same request id, and the application log lines it caused — in the gateway and in the
 * scheduler that handled its command — carry the gateway's trace id. Everything is real: HAProxy with
 * haproxy/haproxy.cfg sending syslog to the shipper, the services as processes, NATS, PostgreSQL and OpenSearch.
 */
describe('request logs in OpenSearch', () => {
  let db: TestDatabase;
  let bus: TestBus;
  let haproxy: HaproxyProcess;
  let prefix: string;
  let token: string;
  const services: ServiceProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    bus = await createTestBus();
    prefix = `${bus.namespace.toLowerCase()}-anvil`;
    await seedDemo(db.dataSource, { ...DEMO_SEED_DEFAULTS, sites: 2, queuesPerSite: 1, timeScale: 0.3 });
    token = (
      await createApiToken(db.dataSource.manager, {
        name: 'logs-test',
        role: 'operator',
        createdBy: 'test',
        expiresAt: null,
      })
    ).token;
    const [gatewayPort, shipperPort, syslogPort, haproxyPort, statsPort] = await Promise.all(
      [1, 2, 3, 4, 5].map(() => freePort()),
    );
    const env = { ...db.env, ...bus.env, ANVIL_OPENSEARCH_URL: TEST_OPENSEARCH_URL };
    const shipper = ServiceProcess.start('shipper', {
      ...env,
      ANVIL_SHIPPER_PORT: String(shipperPort),
      ANVIL_SHIPPER_SYSLOG_UDP: `127.0.0.1:${syslogPort}`,
      ANVIL_SHIPPER_SYSLOG_TCP: '',
    });
    services.push(
      shipper,
      ServiceProcess.start('scheduler', { ...env, ANVIL_SCHEDULER_PORT: '0', ANVIL_SCHEDULER_ID: 'logs-scheduler' }),
      ServiceProcess.start('gateway', { ...env, ANVIL_GATEWAY_PORT: String(gatewayPort) }),
    );
    await waitReady(shipper, shipperPort);
    haproxy = await HaproxyProcess.start({
      port: haproxyPort,
      statsPort,
      gatewayA: `127.0.0.1:${gatewayPort}`,
      gatewayB: `127.0.0.1:${gatewayPort}`,
      syslog: `127.0.0.1:${syslogPort}`,
    });
    await haproxy.waitForServer('gateway-a', 'UP', 30_000);
  });

  afterAll(async () => {
    await haproxy?.stop();
    await Promise.all(services.map((service) => service.stop()));
    await deleteIndices(prefix);
    await bus?.cleanup();
    await db?.drop();
  });

  const describeServices = (): string => services.map((service) => service.describe()).join('\n\n');

  it('ties the edge, the gateway and the services a request reached together by request id and trace id', async () => {
    const [queue] = await db.dataSource.query<{ id: string }[]>(`SELECT id FROM queues ORDER BY id LIMIT 1`);
    const templateId = await post('/api/v1/templates', {
      name: 'logs-stress',
      kind: 'stress',
      workload: { command: '/bin/true' },
      queueSelector: { queueIds: [queue?.id] },
      submissionProfile: { minQueueDepth: 1, maxRunning: 1 },
      lifetimeSeconds: 600,
    }).then((body) => body.id as string);
    const requestId = `logs-test-${Date.now()}`;
    await post('/api/v1/tests', { templateId, durationSeconds: 60 }, requestId);

    const access = await expectEventually(
      async () => {
        const hits = await searchDocuments(`${prefix}-access-*`, { term: { 'http.request.id': requestId } });
        expect(hits.map((hit) => hit['service.name']).sort()).toEqual(['gateway', 'haproxy']);
        return hits;
      },
      { timeoutMs: 60_000, intervalMs: 1000 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${describeServices()}`);
    });
    const edge = access.find((hit) => hit['service.name'] === 'haproxy') as SearchHit;
    const gateway = access.find((hit) => hit['service.name'] === 'gateway') as SearchHit;
    expect(edge).toMatchObject({
      'http.request.method': 'POST',
      'url.path': '/api/v1/tests',
      'http.response.status_code': 202,
    });
    expect(gateway).toMatchObject({
      'http.request.method': 'POST',
      'url.path': '/api/v1/tests',
      'http.response.status_code': 202,
    });
    const traceId = gateway['trace.id'];
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    // The scheduler's line about the test it scheduled for this request carries the same trace id.
    const caused = await expectEventually(
      async () => {
        const hits = await searchDocuments(`${prefix}-logs-*`, { term: { 'trace.id': traceId } });
        expect(hits.map((hit) => hit['service.name'])).toContain('scheduler');
        return hits;
      },
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    expect(caused.find((hit) => hit['service.name'] === 'scheduler')).toMatchObject({
      message: 'test scheduled on request',
    });
  });

  async function post(path: string, body: unknown, requestId?: string): Promise<Record<string, unknown>> {
    const response = await fetch(`${haproxy.url}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(requestId === undefined ? {} : { 'x-request-id': requestId }),
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`POST ${path} → ${response.status} ${text}`);
    }
    return JSON.parse(text) as Record<string, unknown>;
  }
});

async function waitReady(service: ServiceProcess, port: number): Promise<void> {
  await expectEventually(
    async () => {
      expect(service.running).toBe(true);
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(response.status).toBe(200);
    },
    { timeoutMs: 60_000, intervalMs: 200 },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${service.describe()}`);
  });
}
