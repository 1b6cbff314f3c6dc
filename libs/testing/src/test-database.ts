import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, migrateDatabase, type DatabaseOptions } from '@anvil/db';
import { uniqueName } from './unique-name';

/** Database used by integration tests; each test file gets its own schema in it. */
export const TEST_DATABASE_URL = process.env.ANVIL_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/anvil_test';

export interface TestDatabase {
  readonly options: DatabaseOptions;
  readonly dataSource: DataSource;
  /** Environment for a child process (a service under test) to use this schema. */
  readonly env: Record<string, string>;
  drop(): Promise<void>;
}

/** A fresh schema with every migration applied, and a DataSource on it. Call `drop()` in `afterAll`. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const options: DatabaseOptions = { url: TEST_DATABASE_URL, schema: uniqueName('s'), poolSize: 4 };
  await migrateDatabase(options);
  const dataSource = createDataSource(options);
  await dataSource.initialize();
  return {
    options,
    dataSource,
    env: { ANVIL_DATABASE_URL: options.url, ANVIL_DB_SCHEMA: options.schema },
    async drop() {
      await dataSource.destroy();
      const client = new Client({ connectionString: options.url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${options.schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
