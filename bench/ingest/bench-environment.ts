import Redis from 'ioredis';
import { connect, type NatsConnection } from 'nats';
import { createTestBus, createTestDatabase, type TestBus, type TestDatabase } from '@anvil/testing';
import { seedBenchGrid, type BenchGrid } from './bench-grid';
import { BENCH_REDIS_URL } from './ingest-bench.env';

/** A throwaway schema (seeded) and bus namespace for one measured path. */
export interface BenchEnvironment {
  readonly db: TestDatabase;
  readonly bus: TestBus;
  readonly grid: BenchGrid;
  /** Namespaced name of the job stream. */
  readonly jobStream: string;
  /** A connection of its own for the load (`AsyncJobPublisher`), so its traffic does not queue behind probes. */
  readonly publishing: NatsConnection;
  /** Environment of a service process on this schema and namespace. */
  readonly env: Record<string, string>;
  /** Registers work to run before the schema and namespace go (stopping processes), also on an interrupt. */
  beforeRemoval(hook: () => Promise<unknown>): void;
}

/**
 * Runs `body` in a fresh schema + namespace and removes both (streams, schema, Redis keys) afterwards, also when
 * `body` throws or the bench is interrupted.
 */
export async function withBenchEnvironment<T>(
  queues: number,
  tests: number,
  body: (environment: BenchEnvironment) => Promise<T>,
): Promise<T> {
  const db = await createTestDatabase();
  let bus: TestBus | undefined;
  let publishing: NatsConnection | undefined;
  let cleaned: Promise<void> | undefined;
  const hooks: (() => Promise<unknown>)[] = [];
  const cleanup = (): Promise<void> =>
    (cleaned ??= Promise.allSettled([...hooks.map((hook) => hook()), publishing?.close()]).then(() =>
      removeEnvironment(db, bus),
    ));
  const onSignal = (signal: NodeJS.Signals): void => {
    console.error(`${signal}: removing the bench schema and namespace`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    bus = await createTestBus();
    publishing = await connect({ servers: bus.env.ANVIL_NATS_URL, name: `bench-${bus.namespace}-load` });
    const grid = await seedBenchGrid(db.dataSource, queues, tests);
    return await body({
      db,
      bus,
      grid,
      jobStream: bus.bus.namespace.stream('ANVIL_JOBS'),
      publishing,
      env: { ...db.env, ...bus.env, ANVIL_REDIS_URL: BENCH_REDIS_URL },
      beforeRemoval: (hook) => hooks.push(hook),
    });
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    await cleanup();
  }
}

async function removeEnvironment(db: TestDatabase, bus: TestBus | undefined): Promise<void> {
  const redis = new Redis(BENCH_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    if (bus !== undefined) {
      await bus.cleanup();
      await redis.connect();
      const keys = await redis.keys(`${bus.namespace}:*`);
      if (keys.length > 0) {
        await redis.del(...keys);
      }
    }
  } finally {
    redis.disconnect();
    await db.drop();
  }
}
