import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { ErrorClass, JobState, JobStateChangedSchema, type JobStateChanged } from '@anvil/contracts';
import { mergeJobEvents } from './merge-job-events.util';

type EventFields = MessageInitShape<typeof JobStateChangedSchema>;

const SUBMITTED_AT = new Date('2030-01-01T10:15:00Z');
const JOB_A = '0b6f3b5e-0000-4000-8000-00000000000a';
const JOB_B = '0b6f3b5e-0000-4000-8000-00000000000b';
const TEST = '7e0c1f00-0000-4000-8000-000000000001';

function event(jobId: string, state: JobState, minute: number, extra: EventFields = {}): JobStateChanged {
  return create(JobStateChangedSchema, {
    jobId,
    testId: TEST,
    queueId: 'Q1',
    backend: 'sim',
    backendJobId: 'b-1',
    submitterId: 's1',
    state,
    submittedAt: timestampFromDate(SUBMITTED_AT),
    occurredAt: timestampFromDate(new Date(SUBMITTED_AT.getTime() + minute * 60_000)),
    ...extra,
  });
}

function at(minute: number): Date {
  return new Date(SUBMITTED_AT.getTime() + minute * 60_000);
}

describe('mergeJobEvents', () => {
  it('keeps the submitted state with no timestamps when only submitted arrived', () => {
    const merged = mergeJobEvents([event(JOB_A, JobState.SUBMITTED, 0)]);
    expect(merged.jobs).toHaveLength(1);
    expect(merged.jobs[0]).toMatchObject({
      id: JOB_A,
      testId: TEST,
      state: 'submitted',
      submittedAt: SUBMITTED_AT,
      startedAt: null,
      finishedAt: null,
      metrics: {},
    });
  });

  it('takes started_at from running and the final fields from the final event when both are in the batch', () => {
    const merged = mergeJobEvents([
      event(JOB_A, JobState.SUBMITTED, 0),
      event(JOB_A, JobState.RUNNING, 2),
      event(JOB_A, JobState.FAILED, 9, {
        exitCode: 3,
        errorClass: ErrorClass.SITE,
        errorMessage: 'stage-in timed out',
        wallSeconds: 60,
        cpuSeconds: 30,
        maxRssKb: 1024n,
        stageInSeconds: 5,
        events: 100n,
        metrics: { throughput: 1.5 },
      }),
    ]);
    expect(merged.jobs[0]).toEqual(
      expect.objectContaining({
        state: 'failed',
        startedAt: at(2),
        finishedAt: at(9),
        exitCode: 3,
        errorClass: 'site',
        errorMessage: 'stage-in timed out',
        wallSeconds: 60,
        cpuSeconds: 30,
        maxRssKb: 1024n,
        stageInSeconds: 5,
        events: 100n,
        metrics: { throughput: 1.5 },
      }),
    );
    expect(merged.backwardsIgnored).toBe(0);
  });

  it('derives started_at from the wall time when the final event comes without a running one', () => {
    const merged = mergeJobEvents([event(JOB_A, JobState.COMPLETED, 10, { wallSeconds: 120, exitCode: 0 })]);
    expect(merged.jobs[0]).toMatchObject({ state: 'completed', startedAt: at(8), finishedAt: at(10), exitCode: 0 });
  });

  it('leaves started_at empty when a job is cancelled before it ran', () => {
    const merged = mergeJobEvents([event(JOB_A, JobState.CANCELLED, 4)]);
    expect(merged.jobs[0]).toMatchObject({ state: 'cancelled', startedAt: null, finishedAt: at(4), wallSeconds: null });
  });

  it('ignores and counts a late running after completed', () => {
    const merged = mergeJobEvents([
      event(JOB_A, JobState.COMPLETED, 10, { wallSeconds: 60 }),
      event(JOB_A, JobState.RUNNING, 3),
    ]);
    expect(merged.jobs[0]).toMatchObject({ state: 'completed', startedAt: at(9), finishedAt: at(10) });
    expect(merged.backwardsIgnored).toBe(1);
    expect(merged.duplicates).toBe(0);
  });

  it('keeps the first final state when a second, different final state follows', () => {
    const merged = mergeJobEvents([
      event(JOB_A, JobState.COMPLETED, 10, { exitCode: 0 }),
      event(JOB_A, JobState.FAILED, 11, { exitCode: 1, errorMessage: 'boom' }),
    ]);
    expect(merged.jobs[0]).toMatchObject({ state: 'completed', exitCode: 0, errorMessage: null, finishedAt: at(10) });
    expect(merged.backwardsIgnored).toBe(1);
  });

  it('counts a repeated state as a duplicate, not as backwards', () => {
    const merged = mergeJobEvents([
      event(JOB_A, JobState.RUNNING, 2),
      event(JOB_A, JobState.RUNNING, 2),
      event(JOB_A, JobState.SUBMITTED, 0),
    ]);
    expect(merged.jobs[0]).toMatchObject({ state: 'running', startedAt: at(2) });
    expect(merged.duplicates).toBe(1);
    expect(merged.backwardsIgnored).toBe(1);
  });

  it('returns one update per job sorted by lower-cased id when jobs are interleaved', () => {
    const merged = mergeJobEvents([
      event(JOB_B.toUpperCase(), JobState.SUBMITTED, 0),
      event(JOB_A, JobState.RUNNING, 1),
      event(JOB_B, JobState.RUNNING, 2),
    ]);
    expect(merged.jobs.map((job) => [job.id, job.state])).toEqual([
      [JOB_A, 'running'],
      [JOB_B, 'running'],
    ]);
    expect(merged.duplicates).toBe(0);
  });

  it('fills an empty backend job id from a later event', () => {
    const merged = mergeJobEvents([
      event(JOB_A, JobState.SUBMITTED, 0, { backendJobId: '' }),
      event(JOB_A, JobState.RUNNING, 1, { backendJobId: 'slurm-42' }),
    ]);
    expect(merged.jobs[0].backendJobId).toBe('slurm-42');
  });
});
