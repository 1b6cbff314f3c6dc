import type { DataSource } from 'typeorm';

/** Two sites, four queues: enough to tell filters and selectors apart. */
export async function seedGrid(dataSource: DataSource): Promise<void> {
  await dataSource.query(`INSERT INTO sites (id, name) VALUES ('CERN', 'CERN Geneva'), ('BNL', 'Brookhaven')`);
  await dataSource.query(
    `INSERT INTO queues (id, site_id, name, backend, labels, status, status_source, protected, auto_exclusion) VALUES
       ('cern-q1', 'CERN', 'CERN main', 'sim', '{"cloud": "CH", "tier": "0"}', 'online', NULL, true, true),
       ('cern-q2', 'CERN', 'CERN slurm', 'slurm', '{"cloud": "CH"}', 'excluded', 'policy', false, true),
       ('bnl-q1', 'BNL', 'BNL panda', 'panda', '{"cloud": "US"}', 'online', NULL, false, false),
       ('bnl-q2', 'BNL', 'BNL sim', 'sim', '{"cloud": "US"}', 'offline', 'manual', false, true)`,
  );
  // cern-q2 was excluded twice by the policy; bnl-q2 was taken offline by an operator.
  await dataSource.query(
    `UPDATE queues SET status_set_by = 'hammercloud-classic', status_since = '2030-01-01T00:00:00Z',
                       exclusion_count = 2, next_eligible_at = '2030-01-01T06:00:00Z'
      WHERE id = 'cern-q2'`,
  );
  await dataSource.query(`UPDATE queues SET status_set_by = 'alice' WHERE id = 'bnl-q2'`);
}

/** An active stress template (version 1, sim queues) named `name`. */
export async function seedStressTemplate(dataSource: DataSource, templateId: string, name: string): Promise<void> {
  await dataSource.query(
    `INSERT INTO templates (id, name, current_version, active, created_by) VALUES ($1, $2, 1, true, 'tester')`,
    [templateId, name],
  );
  await dataSource.query(
    `INSERT INTO template_versions (template_id, version, kind, workload, queue_selector, submission_profile,
                                    lifetime_seconds, robot, golden, created_by)
     VALUES ($1, 1, 'stress', '{"command": "x"}', '{"backend": "sim"}', '{"minQueueDepth": 1, "maxRunning": 2}',
             3600, false, false, 'tester')`,
    [templateId],
  );
}

/** A running test of that template on `cern-q1`, started now, ending in a day. */
export async function seedRunningTest(dataSource: DataSource, testId: string, templateId: string): Promise<void> {
  await dataSource.query(
    `INSERT INTO tests (id, template_id, template_version, kind, robot, state, start_at, end_at, started_at,
                        submitter_id, created_by)
     VALUES ($1, $2, 1, 'stress', false, 'running', now(), now() + interval '1 day', now(), 'submitter-1', 'tester')`,
    [testId, templateId],
  );
  await dataSource.query(`INSERT INTO test_queues (test_id, queue_id) VALUES ($1, 'cern-q1')`, [testId]);
}
