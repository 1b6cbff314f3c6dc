import { nanos, StorageType } from 'nats';
import { STREAMS } from '@anvil/contracts';
import { connectBus, provisionStreams, type BusConnection } from '@anvil/bus';
import { uniqueName } from '../../testing/src/unique-name';
import { TEST_NATS_URL } from '../../testing/src/test-bus';

describe('provisionStreams', () => {
  let bus: BusConnection;

  beforeAll(async () => {
    bus = await connectBus({ url: TEST_NATS_URL, namespace: uniqueName('p'), name: 'provision-test' });
  });

  afterAll(async () => {
    for (const definition of Object.values(STREAMS)) {
      await bus.jsm.streams.delete(bus.namespace.stream(definition.name)).catch(() => false);
    }
    await bus.close();
  });

  it('creates every namespaced stream once when several services start at the same time', async () => {
    await Promise.all([provisionStreams(bus), provisionStreams(bus), provisionStreams(bus)]);

    const jobs = await bus.jsm.streams.info(bus.namespace.stream('ANVIL_JOBS'));
    expect(jobs.config).toMatchObject({
      subjects: [`${bus.namespace.prefix}.anvil.job.>`],
      storage: StorageType.File,
      num_replicas: 1,
      max_age: nanos(STREAMS.JOBS.maxAgeSeconds * 1000),
      duplicate_window: nanos(600_000),
    });
    const logs = await bus.jsm.streams.info(bus.namespace.stream('ANVIL_LOGS'));
    expect(logs.config.max_bytes).toBe(STREAMS.LOGS.maxBytes);
  });

  it('updates a stream whose settings drifted when provisioned again', async () => {
    const name = bus.namespace.stream('ANVIL_TESTS');
    await bus.jsm.streams.update(name, { max_age: nanos(3_600_000) });

    await provisionStreams(bus);

    expect((await bus.jsm.streams.info(name)).config.max_age).toBe(nanos(STREAMS.TESTS.maxAgeSeconds * 1000));
  });
});
