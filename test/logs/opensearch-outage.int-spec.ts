import { DEMO_SEED_DEFAULTS, seedDemo } from '@anvil/db';
import {
  createTestBus,
  createTestDatabase,
  expectEventually,
  freePort,
  ServiceProcess,
  TcpProxy,
  type TestBus,
  type TestDatabase,
} from '@anvil/testing';
import { countDocuments, deleteIndices } from './opensearch-search';

/**
 * Issue 7, acceptance 3: while OpenSearch is unreachable every service keeps working, and once it is back every log
 * line each service wrote to stdout is in OpenSearch exactly once. The outage is a proxy in front of the real
 * OpenSearch that the test cuts (other test files share the server); the services run as processes on the demo grid.
 */
describe('an OpenSearch outage', () => {
  let db: TestDatabase;
  let bus: TestBus;
  let proxy: TcpProxy;
  let prefix: string;
  let gatewayPort: number;
  const services: ServiceProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    bus = await createTestBus();
    prefix = `${bus.namespace.toLowerCase()}-anvil`;
    await seedDemo(db.dataSource, { ...DEMO_SEED_DEFAULTS, sites: 4, queuesPerSite: 2, timeScale: 0.3 });
    proxy = await TcpProxy.start();
    gatewayPort = await freePort();
    const env = { ...db.env, ...bus.env, ANVIL_OPENSEARCH_URL: proxy.url };
    services.push(
      ServiceProcess.start('shipper', {
        ...env,
        ANVIL_SHIPPER_PORT: '0',
        ANVIL_SHIPPER_SYSLOG_UDP: '',
        ANVIL_SHIPPER_SYSLOG_TCP: '',
      }),
      ServiceProcess.start('ingester', { ...env, ANVIL_INGESTER_PORT: '0' }),
      ServiceProcess.start('scheduler', { ...env, ANVIL_SCHEDULER_PORT: '0', ANVIL_SCHEDULER_ID: 'outage-scheduler' }),
      ServiceProcess.start('submitter', { ...env, ANVIL_SUBMITTER_PORT: '0', ANVIL_SUBMITTER_ID: 'outage-submitter' }),
      ServiceProcess.start('gateway', { ...env, ANVIL_GATEWAY_PORT: String(gatewayPort) }),
    );
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await proxy?.close();
    await deleteIndices(prefix);
    await bus?.cleanup();
    await db?.drop();
  });

  const describeServices = (): string => services.map((service) => service.describe()).join('\n\n');
  const jobCount = async (): Promise<number> =>
    (await db.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM jobs`))[0]?.n ?? 0;

  it('keeps the services working while it is down and indexes every line once it is back', async () => {
    // Up: every service has started (the gateway answers), and the shipper has installed its templates and indexes.
    await expectEventually(
      async () => {
        expect(services.every((service) => service.hasLogged('Nest application successfully started'))).toBe(true);
        expect((await fetch(`http://127.0.0.1:${gatewayPort}/readyz`)).status).toBe(200);
        expect(await countDocuments(`${prefix}-logs-*`)).toBeGreaterThan(0);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${describeServices()}`);
    });

    await proxy.close();
    const jobsAtCut = await jobCount();
    const linesAtCut = stdoutLines();
    // Down: jobs still flow through submitter and ingester, the API answers, and the services go on logging.
    await expectEventually(async () => expect(await jobCount()).toBeGreaterThan(jobsAtCut + 5), {
      timeoutMs: 60_000,
      intervalMs: 500,
    });
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`http://127.0.0.1:${gatewayPort}/api/v1/tests?state=running`);
      expect(response.status).toBe(200);
    }
    expect(services.every((service) => service.running)).toBe(true);
    expect(stdoutLines()).toBeGreaterThan(linesAtCut);
    // The shipper did meet the outage (else this test would prove nothing): a bulk request failed, its messages wait.
    const shipper = services[0];
    await expectEventually(
      () =>
        expect(
          shipper.logs.some((line) => line['log.level'] === 'warn' && String(line.message).includes('OpenSearch')),
        ).toBe(true),
      { timeoutMs: 30_000, intervalMs: 250 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${describeServices()}`);
    });

    await proxy.open();
    // Stop the services (their log sinks flush), then every line each wrote to stdout must be indexed, once.
    await Promise.all(services.slice(1).map((service) => service.stop()));
    for (const service of services.slice(1)) {
      const written = service.logs.filter((line) => typeof line['service.name'] === 'string');
      const source = written[0]?.['service.name'] as string;
      await expectEventually(
        async () => expect(await countDocuments(`${prefix}-logs-*,${prefix}-access-*`, source)).toBe(written.length),
        { timeoutMs: 90_000, intervalMs: 1000 },
      ).catch((error: Error) => {
        throw new Error(`${service.name}: ${error.message}\n${describeServices()}`);
      });
    }
  });

  function stdoutLines(): number {
    return services.reduce((sum, service) => sum + service.logs.length, 0);
  }
});
