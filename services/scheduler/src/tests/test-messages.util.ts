import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  TestCancelledSchema,
  TestFinishedSchema,
  TestScheduledSchema,
  TestStartedSchema,
  type TestCancelled,
  type TestFinished,
  type TestScheduled,
  type TestStarted,
} from '@anvil/contracts';
import { testKindMessage } from './test-kind.util';
import type { TestRow } from './test-row.type';

/** Bus messages of a test's lifecycle, built from its row. */
export const testMessages = {
  scheduled(test: TestRow): TestScheduled {
    return create(TestScheduledSchema, {
      testId: test.id,
      templateId: test.templateId,
      templateVersion: test.templateVersion,
      kind: testKindMessage(test.kind),
      startAt: timestampFromDate(test.startAt),
      endAt: timestampFromDate(test.endAt),
    });
  },

  started(test: TestRow, submitterId: string | null): TestStarted {
    return create(TestStartedSchema, {
      testId: test.id,
      startedAt: timestampFromDate(test.startedAt ?? test.startAt),
      submitterId: submitterId ?? '',
    });
  },

  finished(test: TestRow): TestFinished {
    return create(TestFinishedSchema, {
      testId: test.id,
      finishedAt: timestampFromDate(test.finishedAt ?? test.endAt),
      state: test.state,
      reason: test.reason ?? '',
    });
  },

  cancelled(test: TestRow, cancelledBy: string): TestCancelled {
    return create(TestCancelledSchema, {
      testId: test.id,
      cancelledAt: timestampFromDate(test.finishedAt ?? new Date()),
      reason: test.reason ?? '',
      cancelledBy,
    });
  },
};
