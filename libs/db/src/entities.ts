import { AuditLogEntity } from './entities/audit-log.entity';
import { DecisionEntity } from './entities/decision.entity';
import { JobRollupEntity } from './entities/job-rollup.entity';
import { JobEntity } from './entities/job.entity';
import { OutageEntity } from './entities/outage.entity';
import { PolicyEntity } from './entities/policy.entity';
import { QueueEntity } from './entities/queue.entity';
import { SiteEntity } from './entities/site.entity';
import { TemplateVersionEntity } from './entities/template-version.entity';
import { TemplateEntity } from './entities/template.entity';
import { TestQueueEntity } from './entities/test-queue.entity';
import { TestEntity } from './entities/test.entity';

/** Every entity; add a new one here and write its migration. */
export const ENTITIES = [
  SiteEntity,
  QueueEntity,
  TemplateEntity,
  TemplateVersionEntity,
  TestEntity,
  TestQueueEntity,
  JobEntity,
  JobRollupEntity,
  DecisionEntity,
  OutageEntity,
  PolicyEntity,
  AuditLogEntity,
];
