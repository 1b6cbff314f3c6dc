import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which recorded policy version operators chose to run (`POST /api/v1/policies/:name/versions/:version/activate`):
 * at most one version of one policy is active in a deployment, as one decider runs one policy.
 */
export class PolicyActivation1796000000200 implements MigrationInterface {
  name = 'PolicyActivation1796000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE policies
        ADD COLUMN active boolean NOT NULL DEFAULT false,
        ADD COLUMN activated_at timestamptz,
        ADD COLUMN activated_by text`);
    await q.query(`CREATE UNIQUE INDEX policies_one_active ON policies (active) WHERE active`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS policies_one_active`);
    await q.query(`ALTER TABLE policies DROP COLUMN active, DROP COLUMN activated_at, DROP COLUMN activated_by`);
  }
}
