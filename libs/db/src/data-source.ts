import { DataSource } from 'typeorm';
import { Client } from 'pg';
import type { CoreConfig } from '@anvil/config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DatabaseOptions {
  url: string;
  schema: string;
  /** Connection pool size per process. */
  poolSize?: number;
  applicationName?: string;
}

export function databaseOptions(config: CoreConfig, applicationName?: string): DatabaseOptions {
  return { url: config.databaseUrl, schema: config.databaseSchema, applicationName };
}

/** The one TypeORM DataSource of a process. `synchronize` is never on: the schema comes from migrations. */
export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    applicationName: options.applicationName,
    extra: {
      max: options.poolSize ?? 10,
      options: `-c search_path=${options.schema}`,
    },
  });
}

/** Creates the database and the schema when missing, then applies pending migrations. Idempotent. */
export async function migrateDatabase(options: DatabaseOptions): Promise<string[]> {
  await ensureDatabaseExists(options.url);
  const admin = new Client({ connectionString: options.url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
  } finally {
    await admin.end();
  }
  const dataSource = createDataSource({ ...options, poolSize: 1 });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

async function ensureDatabaseExists(url: string): Promise<void> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.replace(/^\//, ''));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`).catch((error: { code?: string }) => {
        // Another process created it at the same moment.
        if (error.code !== '42P04' && error.code !== '23505') {
          throw error;
        }
      });
    }
  } finally {
    await client.end();
  }
}
