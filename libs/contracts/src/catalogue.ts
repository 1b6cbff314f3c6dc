import { JobStateChangedSchema } from './gen/anvil/v1/job_pb';
import {
  TestAssignedSchema,
  TestCancelledSchema,
  TestCancelRequestedSchema,
  TestFinishedSchema,
  TestRequestedSchema,
  TestScheduledSchema,
  TestStartedSchema,
} from './gen/anvil/v1/test_pb';
import { defineContract, type Contract } from './contract';
import { requireNonZero, requireTimestamp, requireToken } from './check.util';
import { jobStateName } from './job-state.util';

/**
 * The typed subject ↔ message map: every message on the bus, with its subject and business key.
 * Add a message here after adding it to `proto/anvil/v1`; never rename a subject that has messages in flight.
 */
export const CONTRACTS = {
  jobStateChanged: defineContract({
    name: 'jobStateChanged',
    schema: JobStateChangedSchema,
    stream: 'JOBS',
    pattern: 'anvil.job.*.*',
    subject: (m) => `anvil.job.${jobStateName(m.state)}.${m.queueId}`,
    businessKey: (m) => `${m.jobId}.${jobStateName(m.state)}`,
    check: (m) => [
      ...requireToken('job_id', m.jobId),
      ...requireToken('test_id', m.testId),
      ...requireToken('queue_id', m.queueId),
      ...requireNonZero('state', m.state),
      ...requireTimestamp('submitted_at', m.submittedAt),
      ...requireTimestamp('occurred_at', m.occurredAt),
    ],
  }),
  testRequested: defineContract({
    name: 'testRequested',
    schema: TestRequestedSchema,
    stream: 'TESTS',
    pattern: 'anvil.test.requested',
    subject: () => 'anvil.test.requested',
    businessKey: (m) => `${m.requestId}.requested`,
    check: (m) => [
      ...requireToken('request_id', m.requestId),
      ...requireToken('template_id', m.templateId),
      ...requireTimestamp('start_at', m.startAt),
      ...requireTimestamp('end_at', m.endAt),
    ],
  }),
  testCancelRequested: defineContract({
    name: 'testCancelRequested',
    schema: TestCancelRequestedSchema,
    stream: 'TESTS',
    pattern: 'anvil.test.cancel-requested',
    subject: () => 'anvil.test.cancel-requested',
    businessKey: (m) => `${m.testId}.cancel-requested`,
    check: (m) => requireToken('test_id', m.testId),
  }),
  testScheduled: defineContract({
    name: 'testScheduled',
    schema: TestScheduledSchema,
    stream: 'TESTS',
    pattern: 'anvil.test.scheduled.*',
    subject: (m) => `anvil.test.scheduled.${m.testId}`,
    businessKey: (m) => `${m.testId}.scheduled`,
    check: (m) => requireToken('test_id', m.testId),
  }),
  testAssigned: defineContract({
    name: 'testAssigned',
    schema: TestAssignedSchema,
    stream: 'TESTS',
    pattern: 'anvil.test.assigned.*',
    subject: (m) => `anvil.test.assigned.${m.submitterId}`,
    businessKey: (m) => `${m.testId}.assigned.${m.leaseEpoch}`,
    check: (m) => [
      ...requireToken('test_id', m.testId),
      ...requireToken('submitter_id', m.submitterId),
      ...requireTimestamp('end_at', m.endAt),
      ...(m.profile === undefined ? ['profile is required'] : []),
    ],
  }),
  testStarted: defineContract({
    name: 'testStarted',
    schema: TestStartedSchema,
    stream: 'TESTS',
    pattern: 'anvil.test.started.*',
    subject: (m) => `anvil.test.started.${m.testId}`,
    businessKey: (m) => `${m.testId}.started`,
    check: (m) => requireToken('test_id', m.testId),
  }),
  testFinished: defineContract({
    name: 'testFinished',
    schema: TestFinishedSchema,
    stream: 'TESTS',
    pattern: 'anvil.test.finished.*',
    subject: (m) => `anvil.test.finished.${m.testId}`,
    businessKey: (m) => `${m.testId}.finished`,
    check: (m) => requireToken('test_id', m.testId),
  }),
  testCancelled: defineContract({
    name: 'testCancelled',
    schema: TestCancelledSchema,
    stream: 'TESTS',
    pattern: 'anvil.test.cancelled.*',
    subject: (m) => `anvil.test.cancelled.${m.testId}`,
    businessKey: (m) => `${m.testId}.cancelled`,
    check: (m) => requireToken('test_id', m.testId),
  }),
} satisfies Record<string, Contract>;

export type ContractName = keyof typeof CONTRACTS;

export const ALL_CONTRACTS: readonly Contract[] = Object.values(CONTRACTS);
