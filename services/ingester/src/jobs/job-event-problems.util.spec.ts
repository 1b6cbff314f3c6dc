import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { JobState, JobStateChangedSchema } from '@anvil/contracts';
import { jobEventProblems } from './job-event-problems.util';

const VALID = {
  jobId: '0B6F3B5E-0000-4000-8000-00000000000A',
  testId: '7e0c1f00-0000-4000-8000-000000000001',
  queueId: 'Q1',
  state: JobState.RUNNING,
  submittedAt: timestampFromDate(new Date('2030-01-01T00:00:00Z')),
  occurredAt: timestampFromDate(new Date('2030-01-01T00:05:00Z')),
};

const NOW = Date.parse('2030-01-01T01:00:00Z');

describe('jobEventProblems', () => {
  it('accepts upper- or lower-case UUIDs and a known state', () => {
    expect(jobEventProblems(create(JobStateChangedSchema, VALID), NOW)).toEqual([]);
  });

  it('names job_id and test_id when they are tokens but not UUIDs', () => {
    const event = create(JobStateChangedSchema, {
      ...VALID,
      jobId: 'job-1',
      testId: '7e0c1f0000004000800000000000001',
    });
    expect(jobEventProblems(event, NOW)).toEqual(['job_id must be a UUID', 'test_id must be a UUID']);
  });

  it('names a timestamp from an unset clock or sent in milliseconds', () => {
    const event = create(JobStateChangedSchema, {
      ...VALID,
      submittedAt: { seconds: 0n, nanos: 0 },
      occurredAt: { seconds: BigInt(Date.UTC(2030, 0, 1)), nanos: 0 },
    });
    expect(jobEventProblems(event, NOW)).toEqual([
      'submitted_at must be between 2000 and 9999',
      'occurred_at must be between 2000 and 9999',
    ]);
  });

  it('names submitted_at when it is more than a day ahead of the clock', () => {
    const event = create(JobStateChangedSchema, {
      ...VALID,
      submittedAt: timestampFromDate(new Date(NOW + 24 * 3600 * 1000 + 1000)),
    });
    expect(jobEventProblems(event, NOW)).toEqual([
      'submitted_at must not be more than 24 h ahead of the ingester clock',
    ]);
    expect(jobEventProblems(create(JobStateChangedSchema, VALID), NOW - 3600 * 1000)).toEqual([]);
  });

  it('names the state when it is unknown to this build', () => {
    const event = create(JobStateChangedSchema, { ...VALID, state: 42 as JobState });
    expect(jobEventProblems(event, NOW)).toEqual(['state 42 is not a known job state']);
  });
});
