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
