import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Controller, Get, Param, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { CONTRACTS, JobState } from '@anvil/contracts';
import { ConsumerRunner, PermanentError, Publisher, type Delivery } from '@anvil/bus';
import { create } from '@bufbuild/protobuf';
import { timestampNow } from '@bufbuild/protobuf/wkt';
import { JobStateChangedSchema, type JobStateChanged } from '@anvil/contracts';
import { createTestBus, expectEventually, type TestBus } from '@anvil/testing';
import { MetricsModule } from '../src/metrics/metrics.module';
import { parseMetrics, samplesOf, sumOf, type MetricSample } from './parse-metrics';

@Controller('items')
class ItemsController {
  @Get(':id')
  get(@Param('id') id: string): { id: string } {
    return { id };
  }
}

function jobEvent(jobId: string, queueId: string): JobStateChanged {
  return create(JobStateChangedSchema, {
    jobId,
    testId: 't1',
    queueId,
    state: JobState.RUNNING,
    submittedAt: timestampNow(),
    occurredAt: timestampNow(),
  });
}

/**
 * `/metrics` of an app with MetricsModule, scraped over HTTP while a consumer of the real NATS server works: the
 * HTTP histogram by route template, the bus counters per outcome and subject family, and the consumer lag gauge,
 * which holds exactly the messages not yet acked.
 */
describe('metrics of the bus and of HTTP', () => {
  let bus: TestBus;
  let app: INestApplication;
  let port: number;
  let publisher: Publisher;
  const runners: ConsumerRunner[] = [];

  const scrape = async (): Promise<MetricSample[]> => {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    return parseMetrics(await response.text());
  };

  beforeAll(async () => {
    bus = await createTestBus();
    publisher = new Publisher(bus.bus);
    const moduleRef = await Test.createTestingModule({
      imports: [MetricsModule],
      controllers: [ItemsController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
    await app.listen(0, '127.0.0.1');
    port = ((app.getHttpServer() as Server).address() as AddressInfo).port;
  });

  afterAll(async () => {
    await Promise.all(runners.map((runner) => runner.stop()));
    await app?.close();
    await bus?.cleanup();
  });

  it('serves the process metrics', async () => {
    const samples = await scrape();
    expect(sumOf(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(samplesOf(samples, 'nodejs_eventloop_lag_seconds')).toHaveLength(1);
  });

  it('times HTTP requests by route template and status, leaving out probes and scrapes', async () => {
    const count = (samples: MetricSample[], labels: Record<string, string>) =>
      sumOf(samples, 'anvil_http_request_duration_seconds_count', labels);
    const before = await scrape();
    for (const id of ['1', '2', '3']) {
      expect((await fetch(`http://127.0.0.1:${port}/items/${id}`)).status).toBe(200);
    }
    expect((await fetch(`http://127.0.0.1:${port}/nowhere/7`)).status).toBe(404);
    const after = await scrape();
    const item = { method: 'GET', route: '/items/:id', status_code: '200' };
    expect(count(after, item) - count(before, item)).toBe(3);
    const unmatched = { method: 'GET', route: 'unmatched', status_code: '404' };
    expect(count(after, unmatched) - count(before, unmatched)).toBe(1);
    // Raw paths never become labels, and /metrics itself is not timed.
    const routes = new Set(samplesOf(after, 'anvil_http_request_duration_seconds_count').map((s) => s.labels.route));
    expect([...routes].sort()).toEqual(['/items/:id', 'unmatched']);
    // Buckets are cumulative: every request is within +Inf.
    expect(sumOf(after, 'anvil_http_request_duration_seconds_bucket', { ...item, le: '+Inf' })).toBe(
      count(after, item),
    );
  });

  it('counts consumed messages by outcome, published ones by subject family, and reports the lag', async () => {
    const durable = 'metricstest-jobs';
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const failedOnce = new Set<string>();
    const runner = new ConsumerRunner(bus.bus, {
      service: 'metricstest',
      stream: 'JOBS',
      durable,
      filterSubject: 'anvil.job.*.qmetrics',
      concurrency: 1,
      backoffMs: [50],
      handle: async (delivery: Delivery) => {
        const { jobId } = delivery.message as JobStateChanged;
        await released;
        if (jobId === 'poison') {
          throw new PermanentError('never valid');
        }
        if (jobId === 'flaky' && !failedOnce.has(jobId)) {
          failedOnce.add(jobId);
          throw new Error('try again');
        }
      },
    });
    runners.push(runner);
    await runner.start();
    const lag = (samples: MetricSample[]) =>
      samplesOf(samples, 'anvil_bus_consumer_pending_messages', { consumer: durable });

    const publishedBefore = sumOf(await scrape(), 'anvil_bus_published_total', { subject: 'anvil.job.running' });
    for (const jobId of ['a', 'b', 'c', 'flaky', 'poison']) {
      await publisher.publish(CONTRACTS.jobStateChanged, jobEvent(jobId, 'qmetrics'));
    }
    const blocked = await scrape();
    expect(sumOf(blocked, 'anvil_bus_published_total', { subject: 'anvil.job.running' }) - publishedBefore).toBe(5);
    // The handler waits: all five are pending (one delivered to it, the rest in the stream or the client's buffer).
    expect(lag(blocked)).toEqual([
      { name: 'anvil_bus_consumer_pending_messages', labels: { consumer: durable }, value: 5 },
    ]);
    expect(sumOf(blocked, 'anvil_bus_messages_processed_total', { consumer: durable })).toBe(0);

    release();
    await expectEventually(async () => {
      const samples = await scrape();
      const processed = (outcome: string) =>
        sumOf(samples, 'anvil_bus_messages_processed_total', { consumer: durable, outcome });
      expect({ acked: processed('acked'), retried: processed('retried'), dead: processed('dead_lettered') }).toEqual({
        acked: 4,
        retried: 1,
        dead: 1,
      });
      expect(lag(samples)[0]?.value).toBe(0);
    });

    // A stopped consumer is no longer reported.
    await runner.stop();
    expect(lag(await scrape())).toEqual([]);
  });
});
