import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The W3C `traceparent` of the request that created a test (null for the robot's tests): the events the
 * scheduler publishes for the test later (its assignment) are published in that trace, so one trace id follows a
 * request from the gateway through the scheduler and the submitter to the ingester.
 */
export class TestTraceParent1796000000300 implements MigrationInterface {
  name = 'TestTraceParent1796000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tests ADD COLUMN trace_parent text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tests DROP COLUMN trace_parent`);
  }
}
