import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTestBus, createTestDatabase, type TestBus, type TestDatabase } from '@anvil/testing';
import { configureApp } from '../src/configure-app';

export type ApiRole = 'viewer' | 'operator' | 'admin';

export interface GatewayUnderTest {
  app: NestExpressApplication;
  db: TestDatabase;
  /** This file's bus namespace (streams provisioned), to read back what the gateway published. */
  bus: TestBus;
  /**
   * Headers that authenticate a request as `role`: an API token minted for this gateway's schema.
   * (Placeholder until authentication lands: it returns no header and the gateway checks none.)
   */
  auth(role: ApiRole): Record<string, string>;
  close(): Promise<void>;
}

/**
 * The gateway's module in-process, configured like main.ts, on a fresh schema and bus namespace.
 * DatabaseModule, BusModule and LoggingModule read their settings from the environment, so it is set
 * before the module is loaded.
 */
export async function startGateway(options: { bodyLimit?: string } = {}): Promise<GatewayUnderTest> {
  const db = await createTestDatabase();
  const bus = await createTestBus();
  Object.assign(process.env, db.env, bus.env, { ANVIL_LOG_LEVEL: 'warn' });
  const { GatewayModule } = await import('../src/gateway.module');
  const moduleRef = await Test.createTestingModule({ imports: [GatewayModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: ['error', 'warn'] });
  configureApp(app, { bodyLimit: options.bodyLimit ?? '256kb' });
  await app.init();
  return {
    app,
    db,
    bus,
    auth: () => ({}),
    async close() {
      await app.close();
      await bus.cleanup();
      await db.drop();
    },
  };
}
