import { CONTRACTS, type JobStateChanged } from '@anvil/contracts';
import { ConsumerRunner, Publisher, type ConsumerRunnerOptions, type Delivery } from '@anvil/bus';
import { createTestBus, expectEventually, type TestBus } from './test-support';
import { consumerState, jobMessage, sleep } from './bus-test.fixtures';

describe(`${ConsumerRunner.name} batches and drain`, () => {
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

  async function startRunner(options: ConsumerRunnerOptions): Promise<ConsumerRunner> {
    const runner = new ConsumerRunner(testBus.bus, options);
    runners.push(runner);
    await runner.start();
    return runner;
  }

  const jobIds = (deliveries: readonly Delivery[]) => deliveries.map((d) => (d.message as JobStateChanged).jobId);

  describe('batch mode', () => {
    it('hands over batches of at most batchSize and acks them', async () => {
      for (let i = 0; i < 12; i++) {
        await publisher.publish(CONTRACTS.jobStateChanged, jobMessage(`b${i}`, 'qbatch'));
      }
      const batches: string[][] = [];
      await startRunner({
        service: 'batchtest',
        stream: 'JOBS',
        durable: 'batchtest-ok',
        filterSubject: 'anvil.job.*.qbatch',
        batch: true,
        batchSize: 5,
        handle: (deliveries) => {
          batches.push(jobIds(deliveries));
          return Promise.resolve();
        },
      });

      await expectEventually(() =>
        expect(batches.flat().sort()).toEqual([...Array(12).keys()].map((i) => `b${i}`).sort()),
      );
      expect(Math.max(...batches.map((b) => b.length))).toBe(5);
      expect(batches.length).toBeLessThan(12);
      await expectEventually(async () => {
        const state = await consumerState(testBus.bus, 'JOBS', 'batchtest-ok');
        expect(state).toMatchObject({ ackPending: 0, pending: 0 });
        expect(state.ackFloor).toBe(state.delivered);
      });
    });

    it('redelivers a batch whose handler threw', async () => {
      const calls: { ids: string[]; deliveries: number[] }[] = [];
      await startRunner({
        service: 'batchtest',
        stream: 'JOBS',
        durable: 'batchtest-retry',
        filterSubject: 'anvil.job.*.qbretry',
        batch: true,
        batchSize: 10,
        backoffMs: [50],
        handle: (deliveries) => {
          calls.push({ ids: jobIds(deliveries), deliveries: deliveries.map((d) => d.deliveryCount) });
          if (calls.length === 1) {
            throw new Error('deadlock detected');
          }
          return Promise.resolve();
        },
      });
      await publisher.publish(CONTRACTS.jobStateChanged, jobMessage('x1', 'qbretry'));
      await publisher.publish(CONTRACTS.jobStateChanged, jobMessage('x2', 'qbretry'));

      await expectEventually(() => {
        const seen = calls.slice(1).flatMap((c) => c.ids);
        expect(seen.sort()).toEqual(['x1', 'x2']);
      });
      const retried = calls.slice(1).flatMap((c) => c.deliveries);
      expect(calls[0].deliveries.every((n) => n === 1)).toBe(true);
      // Whatever the first batch held came back as delivery 2.
      expect(retried.filter((n) => n === 2)).toHaveLength(calls[0].ids.length);
      await expectEventually(async () => {
        expect(await consumerState(testBus.bus, 'JOBS', 'batchtest-retry')).toMatchObject({ ackPending: 0 });
      });
    });
  });

  describe('stop', () => {
    it('waits for a slow handler in flight and acks its message', async () => {
      let started = false;
      let finishedAt = 0;
      const runner = await startRunner({
        service: 'draintest',
        stream: 'JOBS',
        durable: 'draintest-slow',
        filterSubject: 'anvil.job.*.qdrain',
        handle: async () => {
          started = true;
          await sleep(800);
          finishedAt = Date.now();
        },
      });
      await publisher.publish(CONTRACTS.jobStateChanged, jobMessage('d1', 'qdrain'));
      await expectEventually(() => expect(started).toBe(true), { intervalMs: 10 });

      await runner.stop();
      const stoppedAt = Date.now();

      expect(finishedAt).toBeGreaterThan(0);
      expect(stoppedAt).toBeGreaterThanOrEqual(finishedAt);
      const state = await consumerState(testBus.bus, 'JOBS', 'draintest-slow');
      expect(state).toMatchObject({ ackPending: 0, redelivered: 0, pending: 0 });
      expect(state.ackFloor).toBe(state.delivered);

      // A second runner on the same durable gets nothing: the message was acked, not handed back.
      const second: string[] = [];
      await startRunner({
        service: 'draintest',
        stream: 'JOBS',
        durable: 'draintest-slow',
        filterSubject: 'anvil.job.*.qdrain',
        handle: (delivery) => {
          second.push((delivery.message as JobStateChanged).jobId);
          return Promise.resolve();
        },
      });
      await publisher.publish(CONTRACTS.jobStateChanged, jobMessage('d2', 'qdrain'));
      await expectEventually(() => expect(second).toEqual(['d2']));
    });

    it('gives up waiting after drainTimeoutMs', async () => {
      let release: () => void = () => undefined;
      let started = false;
      const runner = await startRunner({
        service: 'draintest',
        stream: 'JOBS',
        durable: 'draintest-stuck',
        filterSubject: 'anvil.job.*.qstuck',
        drainTimeoutMs: 300,
        pullExpiresMs: 1000,
        handle: async () => {
          started = true;
          await new Promise<void>((resolve) => (release = resolve));
        },
      });
      await publisher.publish(CONTRACTS.jobStateChanged, jobMessage('s1', 'qstuck'));
      await expectEventually(() => expect(started).toBe(true), { intervalMs: 10 });

      const before = Date.now();
      await runner.stop();
      const took = Date.now() - before;
      release();

      expect(took).toBeLessThan(1500);
      expect(await consumerState(testBus.bus, 'JOBS', 'draintest-stuck')).toMatchObject({ ackPending: 1 });
    });
  });
});
