import type { Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTestBus, createTestDatabase, type TestBus, type TestDatabase } from '@anvil/testing';
import { API_ROLES, createApiToken, type ApiRole } from '@anvil/db';
import { configureApp } from '../src/configure-app';
import { loadGatewayConfig } from '../src/gateway.env';

export type { ApiRole };

export interface GatewayUnderTest {
  app: NestExpressApplication;
  db: TestDatabase;
  /** This file's bus namespace (streams provisioned), to read back what the gateway published. */
  bus: TestBus;
  /**
   * Headers that authenticate a request as `role`: an API token minted for this gateway's schema
   * (named `test-<role>`, which is the actor written to `audit_log`).
   */
  auth(role: ApiRole): Record<string, string>;
  close(): Promise<void>;
}

/**
 * The gateway's module in-process, configured like main.ts, on a fresh schema and bus namespace.
 * DatabaseModule, BusModule and LoggingModule read their settings from the environment, so it is set
 * before the module is loaded.
 */
export async function startGateway(
  options: {
    bodyLimit?: string;
    /** Gateway settings for this app only (ANVIL_OIDC_ISSUER, ANVIL_ANONYMOUS_READS...), read while it starts. */
    env?: Record<string, string>;
    /** Test-only controllers mounted beside the gateway's (behind the same guards and interceptors). */
    controllers?: Type<unknown>[];
  } = {},
): Promise<GatewayUnderTest> {
  const db = await createTestDatabase();
  const bus = await createTestBus();
  Object.assign(process.env, db.env, bus.env, { ANVIL_LOG_LEVEL: 'warn', ANVIL_ACCESS_LOG: 'false' });
  const restoreEnv = setEnv(options.env ?? {});
  let app: NestExpressApplication;
  try {
    const { GatewayModule } = await import('../src/gateway.module');
    const moduleRef = await Test.createTestingModule({
      imports: [GatewayModule],
      controllers: options.controllers ?? [],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: ['error', 'warn'] });
    configureApp(app, { ...loadGatewayConfig(), bodyLimit: options.bodyLimit ?? '256kb' });
    await app.init();
  } finally {
    restoreEnv();
  }
  const tokens = new Map<ApiRole, string>();
  for (const role of API_ROLES) {
    const created = await createApiToken(db.dataSource.manager, { name: `test-${role}`, role, createdBy: 'test' });
    tokens.set(role, created.token);
  }
  return {
    app,
    db,
    bus,
    auth: (role) => ({ authorization: `Bearer ${tokens.get(role)}` }),
    async close() {
      await app.close();
      await bus.cleanup();
      await db.drop();
    },
  };
}

/** Sets `env` in process.env; the returned function puts back what was there. */
function setEnv(env: Record<string, string>): () => void {
  const previous = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
  };
}
