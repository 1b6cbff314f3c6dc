import { create, toBinary } from '@bufbuild/protobuf';
import { CONTRACTS, JobStateChangedSchema, type JobStateChanged } from '@anvil/contracts';
import { ConsumerRunner, PermanentError, Publisher, type Delivery, type SingleRunnerOptions } from '@anvil/bus';
import { createTestBus, expectEventually, type TestBus } from './test-support';
import { consumerState, jobMessage, readStream, sleep } from './bus-test.fixtures';

describe(ConsumerRunner.name, () => {
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

  async function startRunner(options: Omit<SingleRunnerOptions, 'service' | 'stream'>): Promise<ConsumerRunner> {
    const runner = new ConsumerRunner(testBus.bus, { service: 'runnertest', stream: 'JOBS', ...options });
    runners.push(runner);
    await runner.start();
    return runner;
  }

  async function deadLetters(queueId: string) {
    return (await readStream(testBus.bus, 'DLQ')).filter((m) =>
      m.headers['Anvil-Dlq-Subject']?.endsWith(`.${queueId}`),
    );
  }

  describe('malformed messages', () => {
    it('dead-letters garbage and failed checks, terminates them and goes on with the next message', async () => {
      const handled: string[] = [];
      await startRunner({
        durable: 'runnertest-malformed',
        filterSubject: 'anvil.job.*.qmal',
        handle: (delivery: Delivery) => {
          handled.push((delivery.message as JobStateChanged).jobId);
          return Promise.resolve();
        },
      });
      const invalid = create(JobStateChangedSchema, { ...jobMessage('x', 'qmal'), jobId: '' });
      await publisher.publishRaw('anvil.job.running.qmal', new Uint8Array([0xff, 0xff, 0xff]), { 'Nats-Msg-Id': 'g1' });
      await publisher.publishRaw('anvil.job.running.qmal', toBinary(JobStateChangedSchema, invalid));
      await publisher.publish(CONTRACTS.jobStateChanged, jobMessage('ok1', 'qmal'));

      await expectEventually(() => expect(handled).toEqual(['ok1']));
      const dlq = await expectEventually(async () => {
        const messages = await deadLetters('qmal');
        expect(messages).toHaveLength(2);
        return messages;
      });
      expect(dlq[0].subject).toBe(`${testBus.namespace}.anvil.dlq.runnertest`);
      expect(dlq[0].data).toEqual(new Uint8Array([0xff, 0xff, 0xff]));
      expect(dlq[0].headers).toMatchObject({
        'Anvil-Dlq-Reason': expect.stringMatching(/^malformed: cannot decode anvil\.v1\.JobStateChanged/),
        'Anvil-Dlq-Subject': 'anvil.job.running.qmal',
        'Anvil-Dlq-Stream': 'ANVIL_JOBS',
        'Anvil-Dlq-Consumer': 'runnertest-malformed',
        'Anvil-Dlq-Deliveries': '1',
        'Anvil-Dlq-Original-Msg-Id': 'g1',
      });
      expect(dlq[0].headers['Nats-Msg-Id']).toMatch(/^ANVIL_JOBS\.\d+\.runnertest-malformed$/);
      expect(dlq[1].headers['Anvil-Dlq-Reason']).toBe('malformed: job_id is required');
      // Terminated, not pending: the consumer acked past all three.
      await expectEventually(async () => {
        const state = await consumerState(testBus.bus, 'JOBS', 'runnertest-malformed');
        expect(state).toMatchObject({ ackPending: 0, redelivered: 0 });
        expect(state.ackFloor).toBe(state.delivered);
      });
    });
  });

  describe('failing handlers', () => {
    it('retries up to maxDeliver and then dead-letters with the reason', async () => {
      const attempts: number[] = [];
      await startRunner({
        durable: 'runnertest-retry',
        filterSubject: 'anvil.job.*.qretry',
        maxDeliver: 3,
        backoffMs: [50],
        handle: (delivery) => {
          attempts.push(delivery.deliveryCount);
          return Promise.reject(new Error('database unavailable'));
        },
      });
      await publisher.publish(CONTRACTS.jobStateChanged, jobMessage('r1', 'qretry'));

      const [dead] = await expectEventually(async () => {
        const messages = await deadLetters('qretry');
        expect(messages).toHaveLength(1);
        return messages;
      });
      expect(attempts).toEqual([1, 2, 3]);
      expect(dead.headers).toMatchObject({
        'Anvil-Dlq-Reason': 'handler failed after 3 deliveries: database unavailable',
        'Anvil-Dlq-Deliveries': '3',
        'Anvil-Dlq-Original-Msg-Id': 'r1.running',
      });
      await expectEventually(async () => {
        expect(await consumerState(testBus.bus, 'JOBS', 'runnertest-retry')).toMatchObject({ ackPending: 0 });
      });
    });

    it('dead-letters at once when the handler throws a PermanentError', async () => {
      const attempts: number[] = [];
      await startRunner({
        durable: 'runnertest-permanent',
        filterSubject: 'anvil.job.*.qperm',
        backoffMs: [50],
        handle: (delivery) => {
          attempts.push(delivery.deliveryCount);
          return Promise.reject(new PermanentError('test t1 does not exist'));
        },
      });
      await publisher.publish(CONTRACTS.jobStateChanged, jobMessage('p1', 'qperm'));

      const [dead] = await expectEventually(async () => {
        const messages = await deadLetters('qperm');
        expect(messages).toHaveLength(1);
        return messages;
      });
      expect(dead.headers['Anvil-Dlq-Reason']).toBe('permanent failure: test t1 does not exist');
      expect(attempts).toEqual([1]);
    });
  });

  describe('concurrency', () => {
    it('never runs more than `concurrency` handlers at once', async () => {
      let running = 0;
      let maxRunning = 0;
      const handled = new Set<string>();
      await startRunner({
        durable: 'runnertest-concurrency',
        filterSubject: 'anvil.job.*.qconc',
        concurrency: 3,
        handle: async (delivery) => {
          running++;
          maxRunning = Math.max(maxRunning, running);
          await sleep(100);
          running--;
          handled.add((delivery.message as JobStateChanged).jobId);
        },
      });
      for (let i = 0; i < 12; i++) {
        await publisher.publish(CONTRACTS.jobStateChanged, jobMessage(`c${i}`, 'qconc'));
      }

      await expectEventually(() => expect(handled.size).toBe(12));
      expect(maxRunning).toBe(3);
    });
  });
});
