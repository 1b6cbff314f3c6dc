import { create } from '@bufbuild/protobuf';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { ErrorClass, JobState, JobStateChangedSchema } from '@anvil/contracts';
import { isDecisionRelevant, jobOutcome } from './job-outcome.util';

describe('jobOutcome', () => {
  const context = { templateId: 'T1', siteId: 'S1' };
  const event = (state: JobState, errorClass = ErrorClass.UNSPECIFIED) =>
    create(JobStateChangedSchema, {
      jobId: 'j1',
      testId: 't1',
      queueId: 'Q1',
      state,
      errorClass,
      occurredAt: timestampFromMs(1_700_000_000_123),
    });

  it('maps a completed job to a success at the time it completed', () => {
    expect(jobOutcome(event(JobState.COMPLETED), context)).toEqual({
      jobId: 'j1',
      queueId: 'Q1',
      siteId: 'S1',
      templateId: 'T1',
      time: 1_700_000_000_123,
      outcome: 'completed',
    });
  });

  it('keeps the error class of a failed job', () => {
    expect(jobOutcome(event(JobState.FAILED, ErrorClass.CENTRAL), context)).toMatchObject({
      outcome: 'failed',
      errorClass: 'central',
    });
  });

  it('counts a failed job without a class and a lost job as failures of class unknown', () => {
    expect(jobOutcome(event(JobState.FAILED), context)?.errorClass).toBe('unknown');
    expect(jobOutcome(event(JobState.LOST), context)).toMatchObject({ outcome: 'failed', errorClass: 'unknown' });
  });

  it('ignores non-final and cancelled states', () => {
    for (const state of [JobState.SUBMITTED, JobState.RUNNING, JobState.CANCELLED]) {
      expect(jobOutcome(event(state), context)).toBeUndefined();
      expect(isDecisionRelevant(state)).toBe(false);
    }
  });
});
