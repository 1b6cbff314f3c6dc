import { expectEventually } from '@anvil/testing';
import { AnvilPipeline } from './anvil-pipeline';
import { OTLP_SPAN_KIND, OtlpReceiver, type ReceivedSpan } from './otlp-receiver';

const isPostgres = (span: ReceivedSpan): boolean =>
  span.kind === OTLP_SPAN_KIND.client &&
  (span.attributes['db.system'] === 'postgresql' || span.attributes['db.system.name'] === 'postgresql');

/**
 * The services as separate processes export their spans over OTLP/HTTP to a receiver in this test: a test
 * requested through the gateway is one trace, from the gateway's HTTP span through the scheduler (which stores the
 * trace with the test and publishes the assignment in it) and the submitter (whose keeper publishes the job events
 * in it) to the ingester, which stores them under a consumer span with its Postgres queries beneath.
 */
describe('one trace across the services', () => {
  let receiver: OtlpReceiver;
  let pipeline: AnvilPipeline;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    pipeline = await AnvilPipeline.start(['ingester', 'submitter', 'scheduler', 'gateway'], {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '200',
    });
  });

  afterAll(async () => {
    await pipeline?.stop();
    await receiver?.close();
  });

  it('carries the trace id of a gateway request through the scheduler and a submitter to the ingester', async () => {
    const requested = await pipeline.requestTest();

    const request = await expectEventually(() => {
      const span = receiver.spans.find((s) => s.service === 'gateway' && s.kind === OTLP_SPAN_KIND.server);
      expect(span).toBeDefined();
      return span as ReceivedSpan;
    });
    // Named by its route, a root span (the caller sent no traceparent).
    expect(request).toMatchObject({ name: 'POST /api/v1/tests', parentSpanId: '' });
    expect(request.attributes['http.route']).toBe('/api/v1/tests');

    await expectEventually(
      () => {
        const spans = receiver.trace(request.traceId);
        const of = (service: string, kind: number, name: string): ReceivedSpan[] =>
          spans.filter((s) => s.service === service && s.kind === kind && s.name.startsWith(name));
        expect([...new Set(spans.map((s) => s.service))].sort()).toEqual([
          'gateway',
          'ingester',
          'scheduler',
          'submitter',
        ]);
        expect(of('gateway', OTLP_SPAN_KIND.producer, 'publish anvil.test.requested')).toHaveLength(1);
        expect(of('scheduler', OTLP_SPAN_KIND.consumer, 'process anvil.test.requested')).toHaveLength(1);
        expect(of('scheduler', OTLP_SPAN_KIND.producer, 'publish anvil.test.assigned.obs-submitter')).toHaveLength(1);
        expect(of('submitter', OTLP_SPAN_KIND.consumer, 'process anvil.test.assigned.obs-submitter')).toHaveLength(1);
        expect(of('submitter', OTLP_SPAN_KIND.producer, 'publish anvil.job.submitted.').length).toBeGreaterThan(0);
        // The ingester stored job events of this test, and its Postgres queries are children of that work.
        const ingested = of('ingester', OTLP_SPAN_KIND.consumer, 'process anvil.job.>');
        expect(ingested.length).toBeGreaterThan(0);
        const queries = spans.filter((s) => s.service === 'ingester' && isPostgres(s));
        expect(queries.some((q) => ingested.some((c) => c.spanId === q.parentSpanId))).toBe(true);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    ).catch(pipeline.withOutput());

    // The scheduler's own database work for the command is in the trace as well.
    const spans = receiver.trace(request.traceId);
    expect(spans.some((s) => s.service === 'scheduler' && isPostgres(s))).toBe(true);
    // The test the gateway answered with is the one the scheduler assigned in this trace.
    const assigned = spans.find((s) => s.name === 'publish anvil.test.assigned.obs-submitter');
    expect(assigned?.attributes['messaging.message.id']).toBe(`${requested.id}.assigned.1`);
    expect(receiver.problems).toEqual([]);
  });

  it('traces no probe and no scrape', async () => {
    // Readiness was polled while the services started; scrape each once more now.
    for (const service of ['gateway', 'ingester'] as const) {
      expect((await fetch(pipeline.url(service, '/metrics'))).status).toBe(200);
      expect((await fetch(pipeline.url(service, '/healthz'))).status).toBe(200);
    }
    // A traced request for comparison: it must show up, so the probes' absence below means something.
    expect((await pipeline.call('GET', '/api/v1/tests?limit=1')).status).toBe(200);
    await expectEventually(() =>
      expect(receiver.spans.some((s) => s.kind === OTLP_SPAN_KIND.server && s.name === 'GET /api/v1/tests')).toBe(true),
    );
    const serverSpans = receiver.spans.filter((s) => s.kind === OTLP_SPAN_KIND.server);
    const probed = serverSpans.filter((s) => /\/(healthz|readyz|metrics)\b/.test(JSON.stringify(s.attributes)));
    expect(probed).toEqual([]);
  });
});
