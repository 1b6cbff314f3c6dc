import { create } from '@bufbuild/protobuf';
import { trace, SpanKind } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { CONTRACTS, JobStateChangedSchema } from '@anvil/contracts';
import { ConsumerRunner, Publisher, type Delivery } from '@anvil/bus';
import { createTestBus, expectEventually, type TestBus } from './test-support';
import { jobMessage, readStream } from './bus-test.fixtures';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

describe(Publisher.name, () => {
  let testBus: TestBus;
  let publisher: Publisher;
  const runners: ConsumerRunner[] = [];

  beforeAll(async () => {
    testBus = await createTestBus();
    publisher = new Publisher(testBus.bus);
  });

  afterAll(async () => {
    await Promise.all(runners.map((runner) => runner.stop()));
    await testBus.cleanup();
  });

  describe('publish', () => {
    it('stores one message when the same business key is published twice', async () => {
      const message = jobMessage('dup1', 'qdup');
      await publisher.publish(CONTRACTS.jobStateChanged, message);
      await publisher.publish(CONTRACTS.jobStateChanged, message);

      const stored = (await readStream(testBus.bus, 'JOBS')).filter((m) => m.subject.endsWith('.qdup'));
      expect(stored).toHaveLength(1);
      expect(stored[0].subject).toBe(`${testBus.namespace}.anvil.job.running.qdup`);
      expect(stored[0].headers).toMatchObject({
        'Nats-Msg-Id': 'dup1.running',
        'content-type': 'application/x-protobuf',
        'Anvil-Message': 'anvil.v1.JobStateChanged',
      });
    });

    it('sets a valid traceparent when no OpenTelemetry SDK is registered', async () => {
      await publisher.publish(CONTRACTS.jobStateChanged, jobMessage('tp1', 'qtp'));

      const [stored] = (await readStream(testBus.bus, 'JOBS')).filter((m) => m.subject.endsWith('.qtp'));
      expect(stored.headers.traceparent).toMatch(TRACEPARENT);
    });

    it('refuses a message that fails its checks, naming the fields', async () => {
      const invalid = create(JobStateChangedSchema, { ...jobMessage('x', 'qbad'), jobId: '', queueId: 'a b' });
      await expect(publisher.publish(CONTRACTS.jobStateChanged, invalid)).rejects.toThrow(
        'refusing to publish an invalid jobStateChanged message: job_id is required; queue_id must match',
      );
      const stored = (await readStream(testBus.bus, 'JOBS')).filter((m) => m.subject.includes('qbad'));
      expect(stored).toHaveLength(0);
    });

    it("makes the consumer's span a child of the producer span carried by traceparent", async () => {
      const exporter = new InMemorySpanExporter();
      trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
      const handled: Delivery[] = [];
      const runner = new ConsumerRunner(testBus.bus, {
        service: 'pubtest',
        stream: 'JOBS',
        durable: 'pubtest-trace',
        filterSubject: 'anvil.job.*.qtrace',
        handle: (delivery) => {
          handled.push(delivery);
          return Promise.resolve();
        },
      });
      runners.push(runner);
      await runner.start();

      await publisher.publish(CONTRACTS.jobStateChanged, jobMessage('tr1', 'qtrace'));

      const [, traceId, producerSpanId] = await expectEventually(() => {
        expect(handled).toHaveLength(1);
        const match = TRACEPARENT.exec(handled[0].headers.traceparent ?? '');
        expect(match).not.toBeNull();
        return match!;
      });
      const consumerSpan = await expectEventually(() => {
        const span = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.CONSUMER);
        expect(span).toBeDefined();
        return span!;
      });
      const producerSpan = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.PRODUCER);
      expect(producerSpan?.spanContext().spanId).toBe(producerSpanId);
      expect(consumerSpan.spanContext().traceId).toBe(traceId);
      expect(consumerSpan.parentSpanContext?.spanId).toBe(producerSpanId);
    });
  });
});
