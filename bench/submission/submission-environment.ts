import Redis from 'ioredis';
import { createTestBus, createTestDatabase, ServiceProcess, type TestBus, type TestDatabase } from '@anvil/testing';

const REDIS_URL = process.env.ANVIL_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A throwaway schema and bus namespace, and the service processes started in them. */
export interface SubmissionEnvironment {
  readonly db: TestDatabase;
  readonly bus: TestBus;
  readonly redis: Redis;
  /** Environment of a service process on this schema and namespace. */
  readonly env: Record<string, string>;
  /** Starts `services/<service>` with the environment plus `extra`; it is stopped when the bench ends. */
  start(service: string, name: string, extra?: Record<string, string>): ServiceProcess;
}

/**
 * Runs `body` in a fresh schema + namespace, then stops every process it started and removes the schema, the
 * streams and the namespace's Redis keys, also when `body` throws or the bench is interrupted.
 */
export async function withSubmissionEnvironment<T>(
  body: (environment: SubmissionEnvironment) => Promise<T>,
): Promise<T> {
  const db = await createTestDatabase();
  const processes: ServiceProcess[] = [];
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  let bus: TestBus | undefined;
  let cleaned: Promise<void> | undefined;
  const cleanup = (): Promise<void> =>
    (cleaned ??= (async () => {
      await Promise.allSettled(processes.map((p) => p.stop()));
      if (bus !== undefined) {
        await bus.cleanup();
        const keys = await redis.keys(`${bus.namespace}:*`);
        if (keys.length > 0) {
          await redis.del(...keys);
        }
      }
      redis.disconnect();
      await db.drop();
    })());
  const onSignal = (signal: NodeJS.Signals): void => {
    console.error(`${signal}: stopping the bench processes, removing its schema and namespace`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  try {
    bus = await createTestBus();
    const env = { ...db.env, ...bus.env, ANVIL_REDIS_URL: REDIS_URL };
    return await body({
      db,
      bus,
      redis,
      env,
      start: (service, name, extra = {}) => {
        const started = ServiceProcess.start(service, { ...env, ...extra }, name);
        processes.push(started);
        return started;
      },
    });
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
    await cleanup();
  }
}
