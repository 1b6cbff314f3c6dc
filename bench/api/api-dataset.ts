import { Client } from 'pg';
import { ensureDataset, type Dataset, type DatasetShape } from '../queries/queries-dataset';

const QUERIES_SCHEMA = 'bench_queries';
const OWN_SCHEMA = 'bench_api';
/**
 * The fallback when the `queries` benchmark's dataset is absent: its shape (50 running tests on 1,000 queues, so
 * the same pages to answer) with 4 jobs per test × queue instead of 100 (200,000 jobs: built in seconds). The
 * live path answers from Redis and never reads `jobs`, so the figures compare.
 */
const OWN_SHAPE: DatasetShape = { jobsPerTestQueue: 4, queues: 1000, queuesPerSite: 10, tests: 50, spreadDays: 14 };

/** The shape recorded in `<schema>.bench_dataset` by the queries benchmark's generator, if that table is there. */
async function recordedShape(url: string, schema: string): Promise<DatasetShape | undefined> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [
      `"${schema}".bench_dataset`,
    ]);
    if (!found.rows[0]?.t) {
      return undefined;
    }
    const rows = await client.query<{ key: string }>(`SELECT key FROM "${schema}".bench_dataset`);
    const key = rows.rows[0]?.key;
    return key ? (JSON.parse(key) as { shape: DatasetShape }).shape : undefined;
  } finally {
    await client.end();
  }
}

/**
 * The `queries` benchmark's dataset (schema `bench_queries`) when it exists — migrated like the queries benchmark
 * does — else this benchmark's smaller one in `bench_api`, built once and reused.
 */
export async function apiDataset(url: string, log: (line: string) => void): Promise<Dataset> {
  const queriesShape = await recordedShape(url, QUERIES_SCHEMA);
  if (queriesShape) {
    log(`using the queries benchmark's dataset in ${QUERIES_SCHEMA}`);
    return ensureDataset(url, QUERIES_SCHEMA, queriesShape, { rebuild: false, log });
  }
  log(`no ${QUERIES_SCHEMA} dataset: using ${OWN_SCHEMA} (${OWN_SHAPE.jobsPerTestQueue} jobs per test × queue)`);
  return ensureDataset(url, OWN_SCHEMA, OWN_SHAPE, { rebuild: false, log });
}
