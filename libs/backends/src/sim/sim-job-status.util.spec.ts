import type { SimJobRecord } from './sim-job-record';
import { simJobEndMs, simJobStartMs, simJobStatusAt } from './sim-job-status.util';

const job: SimJobRecord = {
  jobId: 'job-1',
  testId: 't1',
  queueId: 'Q1',
  anvilSubmittedMs: 999_000,
  submittedMs: 1_000_000,
  outcome: {
    waitSeconds: 2,
    runSeconds: 5,
    state: 'completed',
    exitCode: 0,
    cpuSeconds: 4,
    maxRssKb: 1_000_000,
    events: 50,
    eventsPerSecond: 10,
  },
};

describe('simJobStatusAt', () => {
  it('starts after the wait and ends after the run', () => {
    expect(simJobStartMs(job)).toBe(1_002_000);
    expect(simJobEndMs(job)).toBe(1_007_000);
  });

  it('moves from submitted to running to completed as time passes', () => {
    expect(simJobStatusAt(job, 1_001_999)).toEqual({ state: 'submitted' });
    expect(simJobStatusAt(job, 1_002_000)).toEqual({ state: 'running', startedAt: new Date(1_002_000) });
    expect(simJobStatusAt(job, 1_007_000)).toEqual({
      state: 'completed',
      startedAt: new Date(1_002_000),
      finishedAt: new Date(1_007_000),
      exitCode: 0,
      wallSeconds: 5,
      cpuSeconds: 4,
      maxRssKb: 1_000_000,
      events: 50,
      metrics: { events_per_second: 10 },
    });
  });

  it('reports the error class and message when the job failed', () => {
    const failed: SimJobRecord = {
      ...job,
      outcome: { ...job.outcome, state: 'failed', exitCode: 255, errorClass: 'unknown', errorMessage: 'gone' },
    };
    expect(simJobStatusAt(failed, 2_000_000)).toMatchObject({
      state: 'failed',
      exitCode: 255,
      errorClass: 'unknown',
      errorMessage: 'gone',
    });
  });

  it('is cancelled at the cancel time when it was cancelled while running', () => {
    expect(simJobStatusAt(job, 2_000_000, 1_003_000)).toEqual({
      state: 'cancelled',
      startedAt: new Date(1_002_000),
      finishedAt: new Date(1_003_000),
      wallSeconds: 1,
      errorMessage: 'cancelled by the submitter',
    });
  });

  it('has no start time when it was cancelled while waiting', () => {
    const status = simJobStatusAt(job, 1_001_000, 1_001_000);
    expect(status).toMatchObject({ state: 'cancelled', finishedAt: new Date(1_001_000), wallSeconds: 0 });
    expect(status.startedAt).toBeUndefined();
  });

  it('keeps its final state when the cancel came after its end', () => {
    expect(simJobStatusAt(job, 2_000_000, 1_007_000).state).toBe('completed');
  });
});
