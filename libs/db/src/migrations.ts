import { InitialSchema1795000000000 } from './migrations/1795000000000-initial-schema';
import { DeciderState1795451209803 } from './migrations/1795451209803-decider-state';
import { QueueDailyRollups1795960000000 } from './migrations/1795960000000-queue-daily-rollups';
import { TestQueueCount1795960000001 } from './migrations/1795960000001-test-queue-count';
import { JobsSingleUpsert1795960000002 } from './migrations/1795960000002-jobs-single-upsert';
import { WorkloadResources1795960000003 } from './migrations/1795960000003-workload-resources';
import { ApiTokens1796000000000 } from './migrations/1796000000000-api-tokens';
import { JobAndTestListIndexes1796000000100 } from './migrations/1796000000100-job-and-test-list-indexes';
import { PolicyActivation1796000000200 } from './migrations/1796000000200-policy-activation';
import { TestTraceParent1796000000300 } from './migrations/1796000000300-test-trace-parent';

/** Every migration, oldest first. Never edit one that has landed: add a new file. */
export const MIGRATIONS = [
  InitialSchema1795000000000,
  DeciderState1795451209803,
  QueueDailyRollups1795960000000,
  TestQueueCount1795960000001,
  JobsSingleUpsert1795960000002,
  WorkloadResources1795960000003,
  ApiTokens1796000000000,
  JobAndTestListIndexes1796000000100,
  PolicyActivation1796000000200,
  TestTraceParent1796000000300,
];
