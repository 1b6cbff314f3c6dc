import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** Ids of the seeded grid, in the order the event mix numbers queues and tests. */
export interface BenchGrid {
  readonly queueIds: readonly string[];
  readonly testIds: readonly string[];
}

/**
 * Seeds what job events refer to: sites of 10 queues each, and `tests` running robot tests, each of its own
 * functional template (every other one golden). `jobs` has no foreign keys, but rollups by site history join tests.
 */
export async function seedBenchGrid(dataSource: DataSource, queues: number, tests: number): Promise<BenchGrid> {
  const queueIds = Array.from({ length: queues }, (_, i) => `q${String(i).padStart(5, '0')}`);
  await dataSource.query(
    `INSERT INTO sites (id, name) SELECT 'site' || s, 'site' || s FROM generate_series(0, ($1 - 1) / 10) s`,
    [queues],
  );
  await dataSource.query(
    `INSERT INTO queues (id, site_id, name, backend)
     SELECT q.id, 'site' || ((q.n - 1) / 10), q.id, 'sim' FROM unnest($1::text[]) WITH ORDINALITY AS q(id, n)`,
    [queueIds],
  );
  const testIds = Array.from({ length: tests }, () => randomUUID());
  const templateIds = testIds.map(() => randomUUID());
  await dataSource.query(
    `INSERT INTO templates (id, name, current_version, created_by)
     SELECT id, 'bench-ingest-' || id, 1, 'bench' FROM unnest($1::uuid[]) AS t(id)`,
    [templateIds],
  );
  await dataSource.query(
    `INSERT INTO template_versions (template_id, version, kind, workload, queue_selector, submission_profile,
       lifetime_seconds, robot, golden, created_by)
     SELECT id, 1, 'functional', '{}', '{}', '{}', 3600, true, n % 2 = 1, 'bench'
     FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [templateIds],
  );
  await dataSource.query(
    `INSERT INTO tests (id, template_id, template_version, kind, robot, state, start_at, end_at, created_by)
     SELECT t.id, t.template_id, 1, 'functional', true, 'running', now() - interval '1 hour',
       now() + interval '1 day', 'bench'
     FROM unnest($1::uuid[], $2::uuid[]) AS t(id, template_id)`,
    [testIds, templateIds],
  );
  return { queueIds, testIds };
}
