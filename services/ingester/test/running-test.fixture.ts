import { randomUUID } from 'node:crypto';
import { uniqueName, type TestDatabase } from '@anvil/testing';

/** Inserts a running test of a new one-version template, golden or not; returns the test's id. */
export async function insertRunningTest(db: TestDatabase, golden = false): Promise<string> {
  const templateId = randomUUID();
  const testId = randomUUID();
  await db.dataSource.query(
    `INSERT INTO templates (id, name, current_version, created_by) VALUES ($1, $2, 1, 'tester')`,
    [templateId, uniqueName('tpl')],
  );
  await db.dataSource.query(
    `INSERT INTO template_versions (template_id, version, kind, workload, queue_selector, submission_profile,
       lifetime_seconds, robot, golden, created_by)
     VALUES ($1, 1, 'functional', '{}', '{}', '{}', 3600, false, $2, 'tester')`,
    [templateId, golden],
  );
  await db.dataSource.query(
    `INSERT INTO tests (id, template_id, template_version, kind, robot, state, start_at, end_at, created_by)
     VALUES ($1, $2, 1, 'functional', false, 'running', now(), now() + interval '1 hour', 'tester')`,
    [testId, templateId],
  );
  return testId;
}
