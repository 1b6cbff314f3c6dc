import { ApiTokenEntity } from './entities/api-token.entity';
import { AuditLogEntity } from './entities/audit-log.entity';
import { DeciderActuationEntity } from './entities/decider-actuation.entity';
import { DeciderGlobalStateEntity } from './entities/decider-global-state.entity';
import { DeciderJournalEntity } from './entities/decider-journal.entity';
import { DeciderOffsetEntity } from './entities/decider-offset.entity';
import { DeciderOutboxEntity } from './entities/decider-outbox.entity';
import { DeciderQueueStateEntity } from './entities/decider-queue-state.entity';
import { DecisionEntity } from './entities/decision.entity';
import { JobRollupEntity } from './entities/job-rollup.entity';
import { JobEntity } from './entities/job.entity';
import { OutageEntity } from './entities/outage.entity';
import { PolicyEntity } from './entities/policy.entity';
import { QueueDailyRollupEntity } from './entities/queue-daily-rollup.entity';
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
  QueueDailyRollupEntity,
  DecisionEntity,
  OutageEntity,
  PolicyEntity,
  AuditLogEntity,
  ApiTokenEntity,
  DeciderGlobalStateEntity,
  DeciderQueueStateEntity,
  DeciderOffsetEntity,
  DeciderJournalEntity,
  DeciderOutboxEntity,
  DeciderActuationEntity,
];
