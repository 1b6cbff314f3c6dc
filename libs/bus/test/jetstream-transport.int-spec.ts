import { Controller, Module, UseFilters, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern } from '@nestjs/microservices';
import { create } from '@bufbuild/protobuf';
import { timestampNow } from '@bufbuild/protobuf/wkt';
import {
  CONTRACTS,
  SubmissionProfileSchema,
  TestAssignedSchema,
  TestCancelledSchema,
  type TestAssigned,
} from '@anvil/contracts';
import {
  BUS_CONNECTION,
  BusExceptionFilter,
  BusModule,
  JetStreamTransport,
  PermanentError,
  Publisher,
  type BusConnection,
  type Delivery,
} from '@anvil/bus';
import { createTestBus, expectEventually, type TestBus } from './test-support';
import { consumerState, readStream, sleep } from './bus-test.fixtures';

const SERVICE = 'transporttest';
const received: Delivery<TestAssigned>[] = [];
const finished: { testId: string; connectionOpen: boolean }[] = [];
let appBus: BusConnection;

@Controller()
class AssignedController {
  @EventPattern('anvil.test.assigned.{submitterId}', { durable: 'submitter-{submitterId}', concurrency: 2 })
  async onAssigned(delivery: Delivery<TestAssigned>): Promise<void> {
    received.push(delivery);
    if (delivery.message.testId === 'perm') {
      throw new PermanentError('lease is stale');
    }
    if (delivery.message.testId === 'slow') {
      await sleep(700);
    }
    finished.push({ testId: delivery.message.testId, connectionOpen: !appBus.nc.isClosed() });
  }
}

@Controller()
@UseFilters(BusExceptionFilter)
class CancelledController {
  @EventPattern('anvil.test.cancelled.*', { durable: 'transporttest-cancelled', maxDeliver: 1 })
  onCancelled(): Promise<void> {
    return Promise.reject(new Error('keeper not found'));
  }
}

function assigned(testId: string, submitterId: string): TestAssigned {
  return create(TestAssignedSchema, {
    testId,
    submitterId,
    leaseEpoch: 1n,
    endAt: timestampNow(),
    profile: create(SubmissionProfileSchema, { minQueueDepth: 1, maxRunning: 2 }),
  });
}

describe(JetStreamTransport.name, () => {
  let testBus: TestBus;
  let publisher: Publisher;
  let app: INestApplication | undefined;

  beforeAll(async () => {
    testBus = await createTestBus();
    publisher = new Publisher(testBus.bus);

    @Module({
      imports: [
        BusModule.forRoot({
          service: SERVICE,
          config: { natsUrl: testBus.env.ANVIL_NATS_URL, namespace: testBus.env.ANVIL_NAMESPACE },
        }),
      ],
      controllers: [AssignedController, CancelledController],
    })
    class AppModule {}

    app = await NestFactory.create(AppModule, { logger: false });
    appBus = app.get<BusConnection>(BUS_CONNECTION);
    app.connectMicroservice({
      strategy: new JetStreamTransport(appBus, { service: SERVICE, params: { submitterId: 'sub1' } }),
    });
    await app.startAllMicroservices();
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await testBus.cleanup();
  });

  it('delivers a message on the subject of the resolved {param} pattern only', async () => {
    await publisher.publish(CONTRACTS.testAssigned, assigned('other', 'sub2'));
    await publisher.publish(CONTRACTS.testAssigned, assigned('mine', 'sub1'));

    await expectEventually(() => expect(finished.map((f) => f.testId)).toContain('mine'));
    expect(received.map((d) => d.message.testId)).not.toContain('other');
    const delivery = received.find((d) => d.message.testId === 'mine')!;
    expect(delivery.subject).toBe('anvil.test.assigned.sub1');
    expect(delivery.message.profile?.maxRunning).toBe(2);
    await expectEventually(async () => {
      const state = await consumerState(testBus.bus, 'TESTS', 'submitter-sub1');
      expect(state.ackPending).toBe(0);
    });
  });

  it('dead-letters a PermanentError thrown through Nest with its message', async () => {
    await publisher.publish(CONTRACTS.testAssigned, assigned('perm', 'sub1'));

    const dead = await expectEventually(async () => {
      const messages = (await readStream(testBus.bus, 'DLQ')).filter(
        (m) => m.headers['Anvil-Dlq-Consumer'] === 'submitter-sub1',
      );
      expect(messages).toHaveLength(1);
      return messages[0];
    });
    expect(dead.subject).toBe(`${testBus.namespace}.anvil.dlq.${SERVICE}`);
    expect(dead.headers['Anvil-Dlq-Reason']).toBe('permanent failure: lease is stale');
  });

  it('keeps the error message in the reason when the controller uses BusExceptionFilter', async () => {
    await publisher.publish(
      CONTRACTS.testCancelled,
      create(TestCancelledSchema, { testId: 'c1', cancelledAt: timestampNow() }),
    );

    const dead = await expectEventually(async () => {
      const messages = (await readStream(testBus.bus, 'DLQ')).filter(
        (m) => m.headers['Anvil-Dlq-Consumer'] === 'transporttest-cancelled',
      );
      expect(messages).toHaveLength(1);
      return messages[0];
    });
    expect(dead.headers['Anvil-Dlq-Reason']).toBe('handler failed after 1 deliveries: keeper not found');
  });

  it('refuses to start when a handler has an unknown placeholder or no durable', async () => {
    const handler = Object.assign(() => Promise.resolve(), { isEventHandler: true });
    const listen = (transport: JetStreamTransport) =>
      new Promise<void>((resolve, reject) =>
        transport.listen((error) => (error === undefined ? resolve() : reject(error))),
      );
    const unknown = new JetStreamTransport(testBus.bus, { service: SERVICE, params: {} });
    unknown.addHandler('anvil.test.assigned.{submitterId}', handler, true, { durable: 'submitter-{submitterId}' });
    await expect(listen(unknown)).rejects.toThrow('unknown placeholder {submitterId}');

    const noDurable = new JetStreamTransport(testBus.bus, { service: SERVICE });
    noDurable.addHandler('anvil.test.started.*', handler, true, {});
    await expect(listen(noDurable)).rejects.toThrow(
      "@EventPattern('anvil.test.started.*'): extras.durable (the durable consumer name) is required",
    );
  });

  it('finishes a handler in flight on app.close(), acks it, and only then closes the connection', async () => {
    await publisher.publish(CONTRACTS.testAssigned, assigned('slow', 'sub1'));
    await expectEventually(() => expect(received.map((d) => d.message.testId)).toContain('slow'));

    await app!.close();
    app = undefined;

    expect(finished).toContainEqual({ testId: 'slow', connectionOpen: true });
    expect(appBus.nc.isClosed()).toBe(true);
    const state = await consumerState(testBus.bus, 'TESTS', 'submitter-sub1');
    expect(state).toMatchObject({ ackPending: 0, redelivered: 0 });
    expect(state.ackFloor).toBe(state.delivered);
  });
});
