import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
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
import { parseMetrics, type MetricSample } from './parse-metrics';

export type PipelineService = 'gateway' | 'scheduler' | 'submitter' | 'ingester' | 'decider';

const PORT_SETTING: Record<PipelineService, string> = {
  gateway: 'ANVIL_GATEWAY_PORT',
  scheduler: 'ANVIL_SCHEDULER_PORT',
  submitter: 'ANVIL_SUBMITTER_PORT',
  ingester: 'ANVIL_INGESTER_PORT',
  decider: 'ANVIL_DECIDER_PORT',
};

/** Fast, healthy simulated queues: jobs wait about a second and run about two. */
const SIM_QUEUE = {
  failureProbability: 0,
  queueWaitSeconds: { kind: 'uniform', min: 0.5, max: 1.5 },
  runSeconds: { kind: 'uniform', min: 1, max: 3 },
  errorClass: 'site',
};

export const PIPELINE_QUEUES = ['obs-q1', 'obs-q2'] as const;

export interface RequestedTest {
  readonly id: string;
  readonly requestId: string;
}

/**
 * The services as real processes from their built code (`npx tsc -b services/<name>/tsconfig.json`), in this
 * file's own schema and bus namespace, on a grid of two fast simulated queues with one stress
 * template, so nothing runs until a test asks for a test through the gateway.
 */
export class AnvilPipeline {
  private readonly processes = new Map<PipelineService, ServiceProcess>();
  private readonly ports = new Map<PipelineService, number>();

  private constructor(
    readonly db: TestDatabase,
    readonly bus: TestBus,
    readonly templateId: string,
    private readonly token: string,
  ) {}

  static async start(services: readonly PipelineService[], env: Record<string, string> = {}): Promise<AnvilPipeline> {
    const db = await createTestDatabase();
    const bus = await createTestBus();
    const templateId = randomUUID();
    await db.dataSource.query(`INSERT INTO sites (id, name) VALUES ('OBS', 'Observability site')`);
    for (const queueId of PIPELINE_QUEUES) {
      await db.dataSource.query(
        `INSERT INTO queues (id, site_id, name, backend, backend_config) VALUES ($1, 'OBS', $1, 'sim', $2)`,
        [queueId, JSON.stringify(SIM_QUEUE)],
      );
    }
    await db.dataSource.query(
      `INSERT INTO templates (id, name, current_version, created_by) VALUES ($1, 'obs-stress', 1, 'test')`,
      [templateId],
    );
    await db.dataSource.query(
      `INSERT INTO template_versions (template_id, version, kind, workload, queue_selector, submission_profile,
                                      lifetime_seconds, robot, golden, created_by)
       VALUES ($1, 1, 'stress', '{"command": "sim"}', $2, '{"minQueueDepth": 1, "maxRunning": 2}', 600,
               false, false, 'test')`,
      [templateId, JSON.stringify({ queueIds: PIPELINE_QUEUES })],
    );
    const { token } = await createApiToken(db.dataSource.manager, {
      name: `obs-${randomUUID()}`,
      role: 'operator',
      createdBy: 'test',
    });
    const pipeline = new AnvilPipeline(db, bus, templateId, token);
    try {
      const base = { ...db.env, ...bus.env, ANVIL_LOG_LEVEL: 'warn', ...env };
      for (const service of services) {
        const port = await freePort();
        pipeline.ports.set(service, port);
        pipeline.processes.set(
          service,
          ServiceProcess.start(service, {
            ...base,
            [PORT_SETTING[service]]: String(port),
            ANVIL_SCHEDULER_ID: 'obs-scheduler',
            ANVIL_SUBMITTER_ID: 'obs-submitter',
            ANVIL_DECIDER_ID: 'obs-decider',
          }),
        );
      }
      for (const service of services) {
        await expectEventually(async () => expect((await fetch(pipeline.url(service, '/readyz'))).status).toBe(200), {
          timeoutMs: 60_000,
          intervalMs: 250,
        }).catch(pipeline.withOutput());
      }
    } catch (error) {
      await pipeline.stop();
      throw error;
    }
    return pipeline;
  }

  url(service: PipelineService, path: string): string {
    const port = this.ports.get(service);
    if (port === undefined) {
      throw new Error(`${service} was not started`);
    }
    return `http://127.0.0.1:${port}${path}`;
  }

  /** An operator's request through the gateway. */
  async call(method: string, path: string, body?: object): Promise<{ status: number; body: any }> {
    const response = await fetch(this.url('gateway', path), {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
  }

  /** `POST /api/v1/tests` for the template, starting now. */
  async requestTest(): Promise<RequestedTest> {
    const response = await this.call('POST', '/api/v1/tests', { templateId: this.templateId });
    if (response.status !== 202) {
      throw new Error(`POST /api/v1/tests → ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body as RequestedTest;
  }

  /** The service's `/metrics`, parsed. */
  async scrape(service: PipelineService): Promise<MetricSample[]> {
    const response = await fetch(this.url(service, '/metrics'));
    if (response.status !== 200) {
      throw new Error(`GET ${service} /metrics → ${response.status}`);
    }
    expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    return parseMetrics(await response.text());
  }

  /** Rethrows with the processes' output, so a failed assertion shows what the services did. */
  withOutput(): (error: unknown) => never {
    return (error: unknown) => {
      const output = [...this.processes.values()].map((p) => p.describe()).join('\n\n');
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n\n${output}`);
    };
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((p) => p.stop()));
    const redis = new Redis(process.env.ANVIL_REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 2 });
    try {
      const keys = await redis.keys(`${this.bus.namespace}:*`);
      if (keys.length > 0) {
        await redis.del(...keys);
      }
    } finally {
      redis.disconnect();
    }
    await this.bus.cleanup();
    await this.db.drop();
  }
}
