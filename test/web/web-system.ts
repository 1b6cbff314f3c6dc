import { createApiToken, DEMO_SEED_DEFAULTS, seedDemo } from '@anvil/db';
import {
  createTestBus,
  createTestDatabase,
  expectEventually,
  freePort,
  HaproxyProcess,
  ServiceProcess,
  type TestBus,
  type TestDatabase,
} from '@anvil/testing';

/** The demo grid of the browser tests: 10 sites of one queue each, one of them a black hole. */
export const WEB_DEMO_GRID = { sites: 10, queuesPerSite: 1, timeScale: 0.3 } as const;

export interface WebSystem {
  /** HAProxy's public address (before the two gateway replicas), as `npm run up` serves the site. */
  readonly url: string;
  readonly db: TestDatabase;
  readonly bus: TestBus;
  /** API tokens (plaintext) of a viewer and of an operator. */
  readonly tokens: { readonly viewer: string; readonly operator: string };
  readonly templateId: string;
  /** The queue whose `sim_profile` is `black-hole`: every job fails within seconds, so the decider excludes it. */
  readonly blackHoleQueueId: string;
  readonly queueIds: readonly string[];
  /** Stops one service (e.g. the submitter, so the counters stop moving). */
  stopService(name: string): Promise<void>;
  /** stderr and last log lines of every service, for failure messages. */
  describe(): string;
  stop(): Promise<void>;
}

/**
 * The whole system as `npm run up` starts it — scheduler, submitter on the sim backend, ingester, decider with the
 * default policy, two gateway replicas (serving the built web app) behind HAProxy — on the demo grid, in this
 * file's own schema and bus namespace. Built code only: `npm run build` first (`npm test` does).
 */
export async function startWebSystem(name: string): Promise<WebSystem> {
  const db = await createTestDatabase();
  const bus = await createTestBus();
  const services: ServiceProcess[] = [];
  let haproxy: HaproxyProcess | undefined;
  const stop = async (): Promise<void> => {
    await haproxy?.stop();
    await Promise.all(services.map((service) => service.stop()));
    await bus.cleanup();
    await db.drop();
  };
  const describe = (): string => services.map((service) => service.describe()).join('\n\n');
  try {
    // A long lifetime: the demo test must outlive the suite (the robot would replace it by a new one).
    const seeded = await seedDemo(db.dataSource, {
      ...DEMO_SEED_DEFAULTS,
      ...WEB_DEMO_GRID,
      lifetimeSeconds: 3600,
    });
    const queues: { id: string; profile: string }[] = await db.dataSource.query(
      `SELECT id, labels->>'sim_profile' AS profile FROM queues ORDER BY id`,
    );
    const blackHole = queues.find((queue) => queue.profile === 'black-hole');
    if (blackHole === undefined) {
      throw new Error(`the demo grid has no black-hole queue: ${JSON.stringify(queues)}`);
    }
    const token = async (role: 'viewer' | 'operator'): Promise<string> =>
      (
        await createApiToken(db.dataSource.manager, {
          name: `${name}-${role}`,
          role,
          createdBy: 'web-test',
          expiresAt: null,
        })
      ).token;
    const tokens = { viewer: await token('viewer'), operator: await token('operator') };

    const [gatewayA, gatewayB, haproxyPort, statsPort, syslogPort] = await Promise.all(
      [1, 2, 3, 4, 5].map(() => freePort()),
    );
    const env = { ...db.env, ...bus.env, ANVIL_LOG_LEVEL: 'warn' };
    services.push(
      ServiceProcess.start('ingester', { ...env, ANVIL_INGESTER_PORT: '0' }),
      ServiceProcess.start('scheduler', { ...env, ANVIL_SCHEDULER_PORT: '0', ANVIL_SCHEDULER_ID: `${name}-scheduler` }),
      ServiceProcess.start('submitter', { ...env, ANVIL_SUBMITTER_PORT: '0', ANVIL_SUBMITTER_ID: `${name}-submitter` }),
      ServiceProcess.start('decider', { ...env, ANVIL_DECIDER_PORT: '0', ANVIL_DECIDER_ID: `${name}-decider` }),
      ServiceProcess.start('gateway', { ...env, ANVIL_GATEWAY_PORT: String(gatewayA) }, 'gateway-a'),
      ServiceProcess.start('gateway', { ...env, ANVIL_GATEWAY_PORT: String(gatewayB) }, 'gateway-b'),
    );
    // HAProxy's access logs go to a port nobody listens on (not to a shipper `npm run up` may have started).
    haproxy = await HaproxyProcess.start({
      port: haproxyPort,
      statsPort,
      gatewayA: `127.0.0.1:${gatewayA}`,
      gatewayB: `127.0.0.1:${gatewayB}`,
      syslog: `127.0.0.1:${syslogPort}`,
    });
    await haproxy.waitForServer('gateway-a', 'UP', 60_000);
    await haproxy.waitForServer('gateway-b', 'UP', 60_000);
    const url = haproxy.url;
    await waitForSite(url);
    return {
      url,
      db,
      bus,
      tokens,
      templateId: seeded.templateId,
      blackHoleQueueId: blackHole.id,
      queueIds: queues.map((queue) => queue.id),
      async stopService(serviceName: string) {
        const service = services.find((candidate) => candidate.name === serviceName);
        if (service === undefined) {
          throw new Error(`no service ${serviceName}`);
        }
        await service.stop();
      },
      describe,
      stop,
    };
  } catch (error) {
    const output = describe();
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output}`);
  }
}

/** Resolves once `url` serves the web app's index.html at `/` (its HTML, not an API error). */
async function waitForSite(url: string): Promise<void> {
  await expectEventually(
    async () => {
      const response = await fetch(`${url}/`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="root">');
    },
    { timeoutMs: 10_000, intervalMs: 200 },
  );
}
