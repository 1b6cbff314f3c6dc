import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { QueueTargetSchema, SubmissionProfileSchema, TestAssignedSchema, type TestAssigned } from '@anvil/contracts';
import { testKindMessage } from '../tests/test-kind.util';
import type { AssignmentRow } from './assignment-row.type';

/** The `anvil.test.assigned.<submitterId>` message: all a submitter needs to run the test. */
export function assignmentMessage(row: AssignmentRow): TestAssigned {
  return create(TestAssignedSchema, {
    testId: row.testId,
    submitterId: row.submitterId,
    leaseEpoch: BigInt(row.leaseEpoch),
    kind: testKindMessage(row.kind),
    endAt: timestampFromDate(row.endAt),
    profile: create(SubmissionProfileSchema, {
      minQueueDepth: row.profile.minQueueDepth,
      maxRunning: row.profile.maxRunning,
      totalJobs: row.profile.totalJobs ?? 0,
    }),
    queues: row.queues.map((q) =>
      create(QueueTargetSchema, {
        queueId: q.queueId,
        siteId: q.siteId,
        backend: q.backend,
        backendConfigJson: JSON.stringify(q.backendConfig ?? {}),
      }),
    ),
    workloadJson: JSON.stringify(row.workload),
  });
}
