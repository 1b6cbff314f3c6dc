import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { RobotCandidate } from './robot-candidate.type';

@Injectable()
export class RobotRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Active templates whose current version is a functional robot template and that have no live robot test. */
  async candidates(): Promise<RobotCandidate[]> {
    return await this.dataSource.query<RobotCandidate[]>(
      `SELECT t.id AS "templateId", v.version, v.lifetime_seconds AS "lifetimeSeconds",
              v.queue_selector AS "queueSelector",
              (SELECT p.id FROM tests p
               WHERE p.template_id = t.id AND p.robot AND p.finished_at IS NOT NULL
               ORDER BY p.finished_at DESC, p.created_at DESC LIMIT 1) AS "predecessorId"
       FROM templates t
       JOIN template_versions v ON v.template_id = t.id AND v.version = t.current_version
       WHERE t.active AND v.kind = 'functional' AND v.robot
         AND NOT EXISTS (SELECT 1 FROM tests l
                         WHERE l.template_id = t.id AND l.robot AND l.state IN ('scheduled', 'running'))
       ORDER BY t.id`,
    );
  }
}
