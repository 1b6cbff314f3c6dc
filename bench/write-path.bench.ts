// `npm run bench -- write-path [--jobs 100000] [--batch 2000] [--rounds 3]`: the ingester writes each batch with one
// set-based statement per step. Three ways to hand PostgreSQL a batch: one JSON parameter expanded with
// `json_to_recordset` (what the ingester does), arrays bound as parameters and expanded with `unnest`, or COPY into
// a staging table followed by one `INSERT … SELECT` / `UPDATE … FROM` (ARCHITECTURE.md's other option). This
// measures the three on the same rows, side by side, rotating the order every round, for the two statements that
// carry the rows: inserting new jobs and advancing stored ones. Prints rows/s medians and ratios to the JSON path;
// asserts nothing. The last line is one JSON object.
import { randomUUID } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import { createTestDatabase } from '@anvil/testing';
import { copyRows, JOB_ROW_COLUMNS, type JobRow } from './write-path/staging-copy';

interface Options {
  jobs: number;
  batch: number;
  rounds: number;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { jobs: 100_000, batch: 2_000, rounds: 3 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '') as keyof Options;
    const value = Number(argv[i + 1]);
    if (!(key in options) || !Number.isInteger(value) || value <= 0) {
      throw new Error('usage: write-path [--jobs N] [--batch N] [--rounds N]');
    }
    options[key] = value;
  }
  return options;
}

const UNNEST_INSERT = `
  INSERT INTO jobs (${JOB_ROW_COLUMNS}, backend)
  SELECT *, 'sim' FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[],
    $7::integer[], $8::float8[], $9::bigint[], $10::jsonb[])
  ON CONFLICT (id, submitted_at) DO NOTHING`;
const UNNEST_UPDATE = `
  UPDATE jobs j SET state = v.state, finished_at = v.finished_at, exit_code = v.exit_code,
    wall_seconds = v.wall_seconds, events = v.events, metrics = j.metrics || v.metrics, updated_at = now()
  FROM unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::timestamptz[],
    $7::integer[], $8::float8[], $9::bigint[], $10::jsonb[])
    AS v(${JOB_ROW_COLUMNS})
  WHERE j.id = v.id AND j.submitted_at = v.submitted_at`;
const RECORDS = `json_to_recordset($1::json) AS v(id uuid, submitted_at timestamptz, test_id uuid, queue_id text,
  state text, finished_at timestamptz, exit_code integer, wall_seconds float8, events bigint, metrics jsonb)`;
const JSON_INSERT = `
  INSERT INTO jobs (${JOB_ROW_COLUMNS}, backend) SELECT *, 'sim' FROM ${RECORDS}
  ON CONFLICT (id, submitted_at) DO NOTHING`;
const JSON_UPDATE = `
  UPDATE jobs j SET state = v.state, finished_at = v.finished_at, exit_code = v.exit_code,
    wall_seconds = v.wall_seconds, events = v.events, metrics = j.metrics || v.metrics, updated_at = now()
  FROM ${RECORDS} WHERE j.id = v.id AND j.submitted_at = v.submitted_at`;
const STAGING = `
  CREATE TEMPORARY TABLE IF NOT EXISTS job_batch (
    id uuid, submitted_at timestamptz, test_id uuid, queue_id text, state text, finished_at timestamptz,
    exit_code integer, wall_seconds float8, events bigint, metrics jsonb
  ) ON COMMIT DELETE ROWS`;
const STAGED_INSERT = `
  INSERT INTO jobs (${JOB_ROW_COLUMNS}, backend) SELECT *, 'sim' FROM job_batch
  ON CONFLICT (id, submitted_at) DO NOTHING`;
const STAGED_UPDATE = `
  UPDATE jobs j SET state = v.state, finished_at = v.finished_at, exit_code = v.exit_code,
    wall_seconds = v.wall_seconds, events = v.events, metrics = j.metrics || v.metrics, updated_at = now()
  FROM job_batch v WHERE j.id = v.id AND j.submitted_at = v.submitted_at`;

type WritePath = (client: PoolClient, step: 'insert' | 'update', rows: readonly JobRow[]) => Promise<void>;

const unnestPath: WritePath = async (client, step, rows) => {
  const columns = rows[0].map((_, c) => rows.map((row) => normalise(row[c])));
  await client.query(step === 'insert' ? UNNEST_INSERT : UNNEST_UPDATE, columns);
};

const jsonPath: WritePath = async (client, step, rows) => {
  const records = rows.map(
    ([id, submitted_at, test_id, queue_id, state, finished_at, exit_code, wall_seconds, events, metrics]) => ({
      id,
      submitted_at,
      test_id,
      queue_id,
      state,
      finished_at,
      exit_code,
      wall_seconds,
      events: events?.toString() ?? null,
      metrics: JSON.parse(metrics) as unknown,
    }),
  );
  await client.query(step === 'insert' ? JSON_INSERT : JSON_UPDATE, [JSON.stringify(records)]);
};

const copyPath: WritePath = async (client, step, rows) => {
  await client.query(STAGING);
  await copyRows(client, 'job_batch', rows);
  await client.query(step === 'insert' ? STAGED_INSERT : STAGED_UPDATE);
};

function normalise(value: JobRow[number]): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

function makeRows(count: number, now: number): JobRow[] {
  const testIds = Array.from({ length: 20 }, () => randomUUID());
  return Array.from({ length: count }, (_, i): JobRow => {
    const submittedAt = new Date(now - (i % 3_600) * 1_000);
    return [randomUUID(), submittedAt, testIds[i % 20], `q${i % 1000}`, 'submitted', null, null, null, null, '{}'];
  });
}

function finished(row: JobRow, i: number): JobRow {
  const [id, submittedAt, testId, queueId] = row;
  const failed = i % 10 === 0;
  const metrics = JSON.stringify({ events_per_s: 100 + (i % 50) });
  const end = new Date(submittedAt.getTime() + 600_000);
  return [id, submittedAt, testId, queueId, failed ? 'failed' : 'completed', end, failed ? 1 : 0, 600, 1000n, metrics];
}

/** Rows per second of one step, batch by batch, each batch its own transaction. */
async function timeStep(
  pool: Pool,
  path: WritePath,
  step: 'insert' | 'update',
  rows: readonly JobRow[],
  batch: number,
): Promise<number> {
  const client = await pool.connect();
  try {
    const started = process.hrtime.bigint();
    for (let start = 0; start < rows.length; start += batch) {
      await client.query('BEGIN');
      await path(client, step, rows.slice(start, start + batch));
      await client.query('COMMIT');
    }
    return rows.length / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    client.release();
  }
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const db = await createTestDatabase();
  const pool = new Pool({
    connectionString: db.options.url,
    max: 2,
    options: `-c search_path="${db.options.schema}"`,
  });
  const paths = { json: jsonPath, unnest: unnestPath, copy: copyPath };
  type PathName = keyof typeof paths;
  const names = Object.keys(paths) as PathName[];
  const rates = Object.fromEntries(names.map((name) => [name, { insert: [], update: [] }])) as unknown as Record<
    PathName,
    { insert: number[]; update: number[] }
  >;
  try {
    for (let round = 0; round < options.rounds; round += 1) {
      // Rotate which path goes first, so none always meets a warmer cache or a fuller table.
      const order = names.map((_, i) => names[(i + round) % names.length]);
      for (const name of order) {
        const path = paths[name];
        const rows = makeRows(options.jobs, Date.now());
        rates[name].insert.push(await timeStep(pool, path, 'insert', rows, options.batch));
        rates[name].update.push(await timeStep(pool, path, 'update', rows.map(finished), options.batch));
        console.log(
          `round ${round + 1} ${name}: insert ${Math.round(rates[name].insert.at(-1) ?? 0)} rows/s, ` +
            `update ${Math.round(rates[name].update.at(-1) ?? 0)} rows/s`,
        );
      }
    }
  } finally {
    await pool.end();
    await db.drop();
  }
  const rate = (name: PathName, step: 'insert' | 'update'): number => median(rates[name][step]);
  const ratio = (name: PathName, step: 'insert' | 'update'): number =>
    Math.round((rate(name, step) / rate('json', step)) * 100) / 100;
  const figures = {
    jobs: options.jobs,
    batch: options.batch,
    rounds: options.rounds,
    ...Object.fromEntries(
      names.flatMap((name) => [
        [`${name}_insert_rows_per_s`, Math.round(rate(name, 'insert'))],
        [`${name}_update_rows_per_s`, Math.round(rate(name, 'update'))],
      ]),
    ),
    unnest_over_json_insert: ratio('unnest', 'insert'),
    unnest_over_json_update: ratio('unnest', 'update'),
    copy_over_json_insert: ratio('copy', 'insert'),
    copy_over_json_update: ratio('copy', 'update'),
  };
  console.log(JSON.stringify(figures));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
