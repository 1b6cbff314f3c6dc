import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { BUS_CONNECTION, JetStreamTransport, type BusConnection } from '@anvil/bus';
import type { TestBus, TestDatabase } from '@anvil/testing';
import { IngesterMetrics } from '../src/metrics/ingester-metrics.service';

export interface IngesterUnderTest {
  readonly app: INestApplication;
  readonly metrics: IngesterMetrics;
  close(): Promise<void>;
}

/**
 * The ingester's module in-process, wired like main.ts (without HTTP). Its modules read their settings from the
 * environment, so it is set before the module is loaded, and restored on close.
 */
export async function startIngesterApp(db: TestDatabase, testBus: TestBus): Promise<IngesterUnderTest> {
  const saved = { ...process.env };
  Object.assign(process.env, db.env, testBus.env, { ANVIL_LOG_LEVEL: 'warn' });
  const { IngesterModule } = await import('../src/ingester.module');
  const moduleRef = await Test.createTestingModule({ imports: [IngesterModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  app.connectMicroservice({
    strategy: new JetStreamTransport(app.get<BusConnection>(BUS_CONNECTION), { service: 'ingester' }),
  });
  await app.startAllMicroservices();
  await app.init();
  return {
    app,
    metrics: app.get(IngesterMetrics),
    async close() {
      await app.close();
      process.env = saved;
    },
  };
}
