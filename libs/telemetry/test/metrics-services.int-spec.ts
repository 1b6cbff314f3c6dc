import { expectEventually } from '@anvil/testing';
import { AnvilPipeline, PIPELINE_QUEUES, type PipelineService } from './anvil-pipeline';
import { samplesOf, sumOf, type MetricSample } from './parse-metrics';

const SERVICES: readonly PipelineService[] = ['ingester', 'decider', 'submitter', 'scheduler', 'gateway'];

/**
 * `/metrics` of every service as a real process: each family moves when the work it counts happens — a test
 * requested through the gateway (HTTP latency, publishes), handled by the scheduler (consumed commands), run by the
 * submitter (jobs in flight per backend), stored by the ingester (its counters, consumer lag); an override through
 * the gateway decided by the decider (decisions).
 */
describe('metrics of the services', () => {
  let pipeline: AnvilPipeline;
  const before = new Map<PipelineService, MetricSample[]>();

  beforeAll(async () => {
    pipeline = await AnvilPipeline.start(SERVICES);
    for (const service of SERVICES) {
      before.set(service, await pipeline.scrape(service));
    }
  });

  afterAll(async () => {
    await pipeline?.stop();
  });

  /** How much a metric grew on a service since the start of the test file. */
  const grown = (service: PipelineService, now: MetricSample[], name: string, labels: Record<string, string> = {}) =>
    sumOf(now, name, labels) - sumOf(before.get(service) ?? [], name, labels);

  it('serves the process metrics on every service', () => {
    for (const service of SERVICES) {
      const samples = before.get(service) ?? [];
      expect({ service, cpu: sumOf(samples, 'process_cpu_user_seconds_total') > 0 }).toEqual({ service, cpu: true });
      expect({ service, heap: sumOf(samples, 'nodejs_heap_size_used_bytes') > 0 }).toEqual({ service, heap: true });
    }
  });

  it('follows a requested test through the gateway, the scheduler, the submitter and the ingester', async () => {
    await pipeline.requestTest();

    const gateway = await pipeline.scrape('gateway');
    const post = { method: 'POST', route: '/api/v1/tests', status_code: '202' };
    expect(grown('gateway', gateway, 'anvil_http_request_duration_seconds_count', post)).toBe(1);
    expect(grown('gateway', gateway, 'anvil_http_request_duration_seconds_sum', post)).toBeGreaterThan(0);
    expect(grown('gateway', gateway, 'anvil_bus_published_total', { subject: 'anvil.test.requested' })).toBe(1);

    await expectEventually(
      async () => {
        const scheduler = await pipeline.scrape('scheduler');
        const commands = { consumer: 'scheduler-commands', outcome: 'acked' };
        expect(grown('scheduler', scheduler, 'anvil_bus_messages_processed_total', commands)).toBe(1);
        expect(grown('scheduler', scheduler, 'anvil_bus_published_total', { subject: 'anvil.test.assigned' })).toBe(1);
        expect(samplesOf(scheduler, 'anvil_bus_consumer_pending_messages', { consumer: 'scheduler-commands' })).toEqual(
          [expect.objectContaining({ value: 0 })],
        );

        // Two queues, minQueueDepth 1 and maxRunning 2: the submitter follows one to four sim jobs at a time.
        const submitter = await pipeline.scrape('submitter');
        const inFlight = sumOf(submitter, 'anvil_jobs_in_flight', { backend: 'sim' });
        expect(inFlight).toBeGreaterThanOrEqual(1);
        expect(inFlight).toBeLessThanOrEqual(2 * PIPELINE_QUEUES.length);
        const submitted = { subject: 'anvil.job.submitted' };
        expect(grown('submitter', submitter, 'anvil_bus_published_total', submitted)).toBeGreaterThan(0);

        const ingester = await pipeline.scrape('ingester');
        const jobs = { consumer: 'ingester-jobs', outcome: 'acked' };
        expect(grown('ingester', ingester, 'anvil_bus_messages_processed_total', jobs)).toBeGreaterThan(0);
        expect(grown('ingester', ingester, 'ingester_events_total')).toBeGreaterThan(0);
        expect(grown('ingester', ingester, 'ingester_jobs_inserted_total')).toBeGreaterThan(0);
        // The ingester's counter and the bus's agree on what it took from the stream.
        expect(sumOf(ingester, 'ingester_events_total')).toBe(
          sumOf(ingester, 'anvil_bus_messages_processed_total', { consumer: 'ingester-jobs' }),
        );
        expect(samplesOf(ingester, 'anvil_bus_consumer_pending_messages', { consumer: 'ingester-jobs' })).toHaveLength(
          1,
        );
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    ).catch(pipeline.withOutput());
  });

  it('counts the decider’s decisions by action, source and enforcement', async () => {
    const queueId = PIPELINE_QUEUES[1];
    const response = await pipeline.call('PUT', `/api/v1/queues/${queueId}/override`, {
      mode: 'exclude',
      reason: 'maintenance',
    });
    expect(response.status).toBe(202);
    const override = { action: 'override', source: 'manual', enforced: 'true' };
    await expectEventually(
      async () => expect(grown('decider', await pipeline.scrape('decider'), 'anvil_decisions_total', override)).toBe(1),
      { timeoutMs: 30_000, intervalMs: 250 },
    ).catch(pipeline.withOutput());
    const decider = await pipeline.scrape('decider');
    expect(sumOf(decider, 'anvil_decisions_total')).toBe(sumOf(decider, 'anvil_decisions_total', override));
    // The leader's ordered readers report their lag too; the override has been read and committed.
    for (const consumer of ['decider-overrides', 'decider-job-outcomes']) {
      expect(samplesOf(decider, 'anvil_bus_consumer_pending_messages', { consumer })).toEqual([
        expect.objectContaining({ value: 0 }),
      ]);
    }
    const gateway = await pipeline.scrape('gateway');
    const put = { method: 'PUT', route: '/api/v1/queues/:id/override', status_code: '202' };
    expect(grown('gateway', gateway, 'anvil_http_request_duration_seconds_count', put)).toBe(1);
  });
});
