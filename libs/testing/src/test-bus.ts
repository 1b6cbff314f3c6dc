import { connectBus, provisionStreams, type BusConnection, type BusSettings } from '@anvil/bus';
import { uniqueName } from './unique-name';

/** NATS server of integration tests. */
export const TEST_NATS_URL = process.env.ANVIL_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

export interface TestBus {
  /** ANVIL_NAMESPACE of this test file: every subject and stream is prefixed with it. */
  readonly namespace: string;
  /** Connected, streams provisioned. */
  readonly bus: BusConnection;
  /** Environment for a child process (a service under test) to use this namespace. */
  readonly env: {
    readonly ANVIL_NAMESPACE: string;
    readonly ANVIL_NATS_URL: string;
    readonly ANVIL_LOG_STREAM_MAX_BYTES: string;
  };
  /** Deletes every stream of the namespace, then closes the connection. Call it in `afterAll`. */
  cleanup(): Promise<void>;
}

// JetStream reserves a stream's size limit on disk: ten test namespaces with the production log stream (10 GiB)
// would exhaust the server's storage and fail whatever test provisions next.
export const TEST_BUS_SETTINGS = { streamReplicas: 1, logStreamMaxBytes: 64 * 1024 ** 2 } as const;

/**
 * A unique bus namespace (`<prefix>_…`) with Anvil's streams provisioned in it; a benchmark may give settings of its
 * own (e.g. a log stream large enough for its backlog).
 */
export async function createTestBus(
  prefix = 'b',
  settings: Required<BusSettings> = TEST_BUS_SETTINGS,
): Promise<TestBus> {
  const namespace = uniqueName(prefix);
  const bus = await connectBus({ url: TEST_NATS_URL, namespace, name: `test-${namespace}` });
  await provisionStreams(bus, settings);
  return {
    namespace,
    bus,
    env: {
      ANVIL_NAMESPACE: namespace,
      ANVIL_NATS_URL: TEST_NATS_URL,
      ANVIL_LOG_STREAM_MAX_BYTES: String(settings.logStreamMaxBytes),
    },
    async cleanup() {
      const prefix = bus.namespace.streamPrefix();
      const names: string[] = [];
      for await (const name of bus.jsm.streams.names()) {
        if (name.startsWith(prefix)) {
          names.push(name);
        }
      }
      await bus.close();
      // Close first: runners still registered drain before their streams disappear.
      const admin = await connectBus({ url: TEST_NATS_URL, namespace, name: `test-${namespace}-cleanup` });
      try {
        for (const name of names) {
          await admin.jsm.streams.delete(name);
        }
      } finally {
        await admin.close();
      }
    },
  };
}
