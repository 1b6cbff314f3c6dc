import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workload specs gained `resources` (cores, memory, time limit): a stored top-level `timeLimitSeconds` moves to
 * `resources.timeLimitSeconds`, so every stored template version passes the new validation.
 */
export class WorkloadResources1795960000003 implements MigrationInterface {
  name = 'WorkloadResources1795960000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE template_versions
         SET workload = (workload - 'timeLimitSeconds')
                        || jsonb_build_object('resources', jsonb_build_object('timeLimitSeconds', workload->'timeLimitSeconds'))
       WHERE workload ? 'timeLimitSeconds' AND jsonb_typeof(workload->'timeLimitSeconds') = 'number'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE template_versions
         SET workload = (workload - 'resources') || jsonb_build_object('timeLimitSeconds', workload->'resources'->'timeLimitSeconds')
       WHERE workload->'resources' ? 'timeLimitSeconds'`);
  }
}
