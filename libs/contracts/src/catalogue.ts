import type { Timestamp } from '@bufbuild/protobuf/wkt';
import {
  OutageChangedSchema,
  OverrideMode,
  QueueDecidedSchema,
  QueueOverriddenSchema,
  QueueOverrideRequestedSchema,
} from './gen/anvil/v1/decision_pb';
import { JobStateChangedSchema } from './gen/anvil/v1/job_pb';
import { LogBatchSchema } from './gen/anvil/v1/log_pb';
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
import { requireNonZero, requireOneOf, requireTimestamp, requireToken } from './check.util';
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
  queueExcluded: defineContract({
    name: 'queueExcluded',
    schema: QueueDecidedSchema,
    stream: 'DECISIONS',
    pattern: 'anvil.queue.excluded.*',
    subject: (m) => `anvil.queue.excluded.${m.queueId}`,
    businessKey: (m) => m.decisionId,
    check: (m) => [...checkQueueDecided(m.decisionId, m.queueId), ...requireOneOf('action', m.action, ['exclude'])],
  }),
  queueRecovered: defineContract({
    name: 'queueRecovered',
    schema: QueueDecidedSchema,
    stream: 'DECISIONS',
    pattern: 'anvil.queue.recovered.*',
    subject: (m) => `anvil.queue.recovered.${m.queueId}`,
    businessKey: (m) => m.decisionId,
    check: (m) => [...checkQueueDecided(m.decisionId, m.queueId), ...requireOneOf('action', m.action, ['recover'])],
  }),
  queueOverrideRequested: defineContract({
    name: 'queueOverrideRequested',
    schema: QueueOverrideRequestedSchema,
    stream: 'DECISIONS',
    pattern: 'anvil.queue.override-requested',
    subject: () => 'anvil.queue.override-requested',
    businessKey: (m) => `${m.requestId}.override-requested`,
    check: (m) => [
      ...requireToken('request_id', m.requestId),
      ...requireToken('queue_id', m.queueId),
      ...requireNonZero('mode', m.mode),
      ...(m.actor === '' ? ['actor is required'] : []),
      ...requireTimestamp('requested_at', m.requestedAt),
    ],
  }),
  queueOverridden: defineContract({
    name: 'queueOverridden',
    schema: QueueOverriddenSchema,
    stream: 'DECISIONS',
    pattern: 'anvil.queue.override.*',
    subject: (m) => `anvil.queue.override.${m.queueId}`,
    businessKey: (m) => m.decisionId,
    check: (m) => [
      ...checkQueueDecided(m.decisionId, m.queueId),
      ...(m.mode === OverrideMode.UNSPECIFIED ? ['mode is required'] : []),
    ],
  }),
  outageOpened: defineContract({
    name: 'outageOpened',
    schema: OutageChangedSchema,
    stream: 'DECISIONS',
    pattern: 'anvil.outage.opened',
    subject: () => 'anvil.outage.opened',
    businessKey: (m) => `${m.outageId}.opened`,
    check: (m) => [...requireToken('outage_id', m.outageId), ...requireTimestamp('opened_at', m.openedAt)],
  }),
  outageClosed: defineContract({
    name: 'outageClosed',
    schema: OutageChangedSchema,
    stream: 'DECISIONS',
    pattern: 'anvil.outage.closed',
    subject: () => 'anvil.outage.closed',
    businessKey: (m) => `${m.outageId}.closed`,
    check: (m) => [...requireToken('outage_id', m.outageId), ...requireTimestamp('closed_at', m.closedAt)],
  }),
  logBatch: defineContract({
    name: 'logBatch',
    schema: LogBatchSchema,
    stream: 'LOGS',
    pattern: 'anvil.log.*',
    subject: (m) => `anvil.log.${m.source}`,
    businessKey: (m) => m.batchId,
    check: checkLogBatch,
  }),
  accessLogBatch: defineContract({
    name: 'accessLogBatch',
    schema: LogBatchSchema,
    stream: 'LOGS',
    pattern: 'anvil.access.*',
    subject: (m) => `anvil.access.${m.source}`,
    businessKey: (m) => m.batchId,
    check: checkLogBatch,
  }),
} satisfies Record<string, Contract>;

function checkLogBatch(m: { batchId: string; source: string; batchedAt?: Timestamp }): string[] {
  return [
    ...requireToken('batch_id', m.batchId),
    ...requireToken('source', m.source),
    ...requireTimestamp('batched_at', m.batchedAt),
  ];
}

function checkQueueDecided(decisionId: string, queueId: string): string[] {
  return [...requireToken('decision_id', decisionId), ...requireToken('queue_id', queueId)];
}

export type ContractName = keyof typeof CONTRACTS;

export const ALL_CONTRACTS: readonly Contract[] = Object.values(CONTRACTS);
