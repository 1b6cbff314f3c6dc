import { Client } from 'pg';
import { migrateDatabase } from '@anvil/db';

/** What the dataset holds; a cached dataset is reused only when these and the layout version match. */
export interface DatasetShape {
  /** Jobs per test × queue (the total is tests × queues × this). */
  jobsPerTestQueue: number;
  queues: number;
  queuesPerSite: number;
  tests: number;
  /** The oldest test started this many days before the build; the newest one day before it. */
  spreadDays: number;
}

export interface Dataset {
  url: string;
  schema: string;
  builtAt: Date;
  /** Seconds the build took (0 when reused). */
  buildSeconds: number;
  reused: boolean;
  /** Migrations applied to a reused dataset by this run (the ones that landed since it was built). */
  migrated: string[];
  testIds: string[];
  queueIds: string[];
}

// Bump when the generation below changes, so cached datasets are rebuilt.
const LAYOUT_VERSION = 1;

/**
 * The `queries` benchmark's dataset in its own persistent schema: built once with set-based SQL (generate_series),
 * reused by later runs while its layout version and shape are unchanged. Migrations that landed since are applied
 * to a reused dataset, as they would be to a production database.
 */
export async function ensureDataset(
  url: string,
  schema: string,
  shape: DatasetShape,
  options: { rebuild: boolean; log: (line: string) => void },
): Promise<Dataset> {
  const key = JSON.stringify({ layout: LAYOUT_VERSION, shape });
  const client = new Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    const existing = await readMarker(client);
    if (!options.rebuild && existing?.key === key) {
      const migrated = await migrateDatabase({ url, schema });
      if (migrated.length > 0) {
        options.log(`applied to the cached dataset: ${migrated.join(', ')}`);
        for (const table of ['tests', 'test_queues', 'queues', 'job_rollups', 'queue_daily_rollups', 'jobs']) {
          await client.query(`ANALYZE ${table}`);
        }
      }
      const ids = await readIds(client);
      return { url, schema, builtAt: existing.builtAt, buildSeconds: 0, reused: true, migrated, ...ids };
    }
    options.log(
      existing ? `dataset ${schema} is stale or --rebuild given: rebuilding` : `building dataset in ${schema}`,
    );
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    const started = performance.now();
    await migrateDatabase({ url, schema });
    const builtAt = await build(client, shape, options.log);
    await client.query(`CREATE TABLE bench_dataset (key text NOT NULL, built_at timestamptz NOT NULL)`);
    await client.query(`INSERT INTO bench_dataset (key, built_at) VALUES ($1, $2)`, [key, builtAt]);
    const buildSeconds = Math.round((performance.now() - started) / 1000);
    return { url, schema, builtAt, buildSeconds, reused: false, migrated: [], ...(await readIds(client)) };
  } finally {
    await client.end();
  }
}

async function readMarker(client: Client): Promise<{ key: string; builtAt: Date } | undefined> {
  const found = await client.query<{ t: string | null }>(`SELECT to_regclass('bench_dataset')::text AS t`);
  if (found.rows[0]?.t === null || found.rows[0]?.t === undefined) {
    return undefined;
  }
  const rows = await client.query<{ key: string; built_at: Date }>(`SELECT key, built_at FROM bench_dataset`);
  const row = rows.rows[0];
  return row ? { key: row.key, builtAt: row.built_at } : undefined;
}

async function readIds(client: Client): Promise<{ testIds: string[]; queueIds: string[] }> {
  const tests = await client.query<{ id: string }>(`SELECT id FROM tests ORDER BY start_at DESC, id`);
  const queues = await client.query<{ id: string }>(`SELECT id FROM queues ORDER BY id`);
  return { testIds: tests.rows.map((r) => r.id), queueIds: queues.rows.map((r) => r.id) };
}

async function timed(log: (line: string) => void, what: string, work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await work();
  log(`  ${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function build(client: Client, shape: DatasetShape, log: (line: string) => void): Promise<Date> {
  // UTC for date_trunc('hour') and ::date, as the ingester computes rollup hours and days.
  await client.query(`SET TIME ZONE 'UTC'`);
  await client.query(`SET work_mem = '256MB'`);
  await client.query(`SET maintenance_work_mem = '512MB'`);
  const now = (await client.query<{ now: Date }>(`SELECT date_trunc('minute', now()) AS now`)).rows[0].now;
  const { queues, queuesPerSite, tests, spreadDays, jobsPerTestQueue } = shape;

  await timed(log, 'sites, queues, templates, tests, test_queues', async () => {
    await client.query(
      `INSERT INTO sites (id, name)
       SELECT 'SITE' || lpad(s::text, 4, '0'), 'Bench site ' || s FROM generate_series(0, ($1 - 1) / $2) s`,
      [queues, queuesPerSite],
    );
    // Most queues online; a few excluded or offline; three backends; two clouds.
    await client.query(
      `INSERT INTO queues (id, site_id, name, backend, labels, status)
       SELECT 'Q' || lpad(n::text, 5, '0'), 'SITE' || lpad((n / $2)::text, 4, '0'), 'bench queue ' || n,
              (ARRAY['sim', 'slurm', 'panda'])[1 + n % 3],
              jsonb_build_object('cloud', CASE WHEN n % 2 = 0 THEN 'CH' ELSE 'US' END),
              CASE WHEN n % 20 = 7 THEN 'excluded' WHEN n % 50 = 11 THEN 'offline' ELSE 'online' END
         FROM generate_series(0, $1 - 1) n`,
      [queues, queuesPerSite],
    );
    // One template per test; every other one golden (functional robot), the others stress tests.
    await client.query(
      `INSERT INTO templates (id, name, current_version, created_by)
       SELECT md5('bench-template-' || i)::uuid, 'bench-' || lpad(i::text, 3, '0'), 1, 'bench'
         FROM generate_series(0, $1 - 1) i`,
      [tests],
    );
    await client.query(
      `INSERT INTO template_versions (template_id, version, kind, workload, queue_selector, submission_profile,
         lifetime_seconds, robot, golden, created_by)
       SELECT md5('bench-template-' || i)::uuid, 1, CASE WHEN i % 2 = 0 THEN 'functional' ELSE 'stress' END,
              '{"command": "/bin/true"}', '{"backend": "sim"}', '{"minQueueDepth": 1, "maxRunning": 10}',
              30 * 86400, i % 2 = 0, i % 2 = 0, 'bench'
         FROM generate_series(0, $1 - 1) i`,
      [tests],
    );
    // Test i started (1 + (spread - 1) * i / (tests - 1)) days before the build; all still running.
    await client.query(
      `INSERT INTO tests (id, template_id, template_version, kind, robot, state, start_at, end_at, started_at,
         submitter_id, created_by)
       SELECT md5('bench-test-' || i)::uuid, md5('bench-template-' || i)::uuid, 1,
              CASE WHEN i % 2 = 0 THEN 'functional' ELSE 'stress' END, i % 2 = 0, 'running', s.start_at,
              $2::timestamptz + interval '30 days', s.start_at, 'bench-submitter', 'bench'
         FROM generate_series(0, $1 - 1) i,
              LATERAL (SELECT $2::timestamptz - interval '1 day' * (1 + ($3 - 1) * i::float8 / greatest($1 - 1, 1))
                         AS start_at) s`,
      [tests, now, spreadDays],
    );
    await client.query(
      `INSERT INTO test_queues (test_id, queue_id) SELECT t.id, q.id FROM tests t CROSS JOIN queues q`,
    );
  });

  // Daily partitions for every day a job can be submitted on (the rest would land in jobs_default).
  await client.query(`SELECT anvil_ensure_job_partitions(($1::timestamptz)::date - $2::integer, $2::integer + 2)`, [
    now,
    spreadDays + 1,
  ]);

  const testRows = await client.query<{ id: string; start_at: Date }>(
    `SELECT id, start_at FROM tests ORDER BY start_at`,
  );
  const started = performance.now();
  for (const [i, test] of testRows.rows.entries()) {
    // Submission times uniform over the test's life so far. Recent jobs are still submitted or running; older
    // ones finished, mostly completed; one queue in 25 is broken and fails most of its jobs.
    await client.query(
      `INSERT INTO jobs (id, submitted_at, test_id, queue_id, backend, backend_job_id, submitter_id, state,
         started_at, finished_at, updated_at, exit_code, error_class, wall_seconds, cpu_seconds, events)
       WITH g AS MATERIALIZED (
         SELECT q.id AS queue_id, q.backend, q.broken,
                $2::timestamptz + random() * ($3::timestamptz - $2::timestamptz) AS submitted_at,
                random() AS r, random() AS r2, 600 + random() * 3000 AS wall
           FROM (SELECT id, backend, right(id, 5)::int % 25 = 3 AS broken FROM queues) q
          CROSS JOIN generate_series(1, $4) k
       ), s AS (
         SELECT g.*,
                CASE
                  WHEN g.submitted_at > $3::timestamptz - interval '20 minutes'
                    THEN CASE WHEN g.r < 0.6 THEN 'submitted' ELSE 'running' END
                  WHEN g.submitted_at > $3::timestamptz - interval '2 hours' AND g.r < 0.3 THEN 'running'
                  WHEN g.r2 < CASE WHEN g.broken THEN 0.3 ELSE 0.92 END THEN 'completed'
                  WHEN g.r2 < 0.975 THEN 'failed'
                  WHEN g.r2 < 0.99 THEN 'cancelled'
                  ELSE 'lost'
                END AS state
           FROM g
       )
       SELECT gen_random_uuid(), s.submitted_at, $1, s.queue_id, s.backend, 'b' || (random() * 1e9)::bigint,
              'bench-submitter', s.state,
              CASE WHEN s.state <> 'submitted' THEN s.submitted_at + interval '2 minutes' END,
              CASE WHEN s.state IN ('completed', 'failed', 'cancelled', 'lost')
                   THEN s.submitted_at + interval '2 minutes' + s.wall * interval '1 second' END,
              s.submitted_at + interval '2 minutes',
              CASE WHEN s.state = 'completed' THEN 0 WHEN s.state = 'failed' THEN 1 END,
              CASE WHEN s.state = 'failed' THEN 'site' END,
              CASE WHEN s.state IN ('completed', 'failed') THEN s.wall END,
              CASE WHEN s.state IN ('completed', 'failed') THEN s.wall * 0.85 END,
              CASE WHEN s.state = 'completed' THEN 1000 END
         FROM s`,
      [test.id, test.start_at, now, jobsPerTestQueue],
    );
    if ((i + 1) % 10 === 0 || i + 1 === testRows.rows.length) {
      log(`  jobs: ${i + 1}/${testRows.rows.length} tests, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  }

  await timed(log, 'job_rollups from jobs', () =>
    client.query(
      `INSERT INTO job_rollups (test_id, queue_id, hour, submitted, running, completed, failed, cancelled, lost, total,
         wall_seconds_sum, cpu_seconds_sum, events_sum)
       SELECT test_id, queue_id, date_trunc('hour', submitted_at),
              count(*) FILTER (WHERE state = 'submitted'), count(*) FILTER (WHERE state = 'running'),
              count(*) FILTER (WHERE state = 'completed'), count(*) FILTER (WHERE state = 'failed'),
              count(*) FILTER (WHERE state = 'cancelled'), count(*) FILTER (WHERE state = 'lost'), count(*),
              coalesce(sum(wall_seconds), 0), coalesce(sum(cpu_seconds), 0), coalesce(sum(events), 0)
         FROM jobs
        GROUP BY 1, 2, 3`,
    ),
  );
  await timed(log, 'queue_daily_rollups from jobs', () =>
    client.query(
      `INSERT INTO queue_daily_rollups (queue_id, day, golden, submitted, running, completed, failed, cancelled, lost,
         total, wall_seconds_sum, cpu_seconds_sum, events_sum)
       SELECT j.queue_id, j.submitted_at::date, tv.golden,
              count(*) FILTER (WHERE j.state = 'submitted'), count(*) FILTER (WHERE j.state = 'running'),
              count(*) FILTER (WHERE j.state = 'completed'), count(*) FILTER (WHERE j.state = 'failed'),
              count(*) FILTER (WHERE j.state = 'cancelled'), count(*) FILTER (WHERE j.state = 'lost'), count(*),
              coalesce(sum(j.wall_seconds), 0), coalesce(sum(j.cpu_seconds), 0), coalesce(sum(j.events), 0)
         FROM jobs j
         JOIN tests t ON t.id = j.test_id
         JOIN template_versions tv ON tv.template_id = t.template_id AND tv.version = t.template_version
        GROUP BY 1, 2, 3`,
    ),
  );
  // Visibility maps and statistics, as autovacuum would leave them on a live system.
  await timed(log, 'vacuum analyze', async () => {
    for (const table of ['sites', 'queues', 'templates', 'template_versions', 'tests', 'test_queues']) {
      await client.query(`VACUUM ANALYZE ${table}`);
    }
    await client.query(`VACUUM ANALYZE job_rollups`);
    await client.query(`VACUUM ANALYZE queue_daily_rollups`);
    await client.query(`VACUUM ANALYZE jobs`);
  });
  return now;
}
