import { timestampDate } from '@bufbuild/protobuf/wkt';
import { CONTRACTS, ErrorClass, JobState } from '@anvil/contracts';
import { jobStateEvent } from './job-event.util';
import type { TrackedJob } from './tracked-job.type';

const job: TrackedJob = {
  jobId: '4b7e3c58-3c1b-4a57-9a53-2f6f1c0b9f11',
  queueId: 'CERN-PROD_SIM1',
  backend: 'sim',
  backendJobId: 'sim-1',
  submittedAt: new Date('2030-01-01T00:00:00Z'),
  state: 'running',
};
const testId = '0d4c1a57-0000-4000-8000-000000000001';

describe('jobStateEvent', () => {
  it('carries the outcome of the backend when the state is final', () => {
    const event = jobStateEvent(job, testId, 'sub1', 'failed', {
      occurredAt: new Date('2030-01-01T00:01:00Z'),
      status: {
        state: 'failed',
        exitCode: 1305,
        errorClass: 'site',
        errorMessage: 'CVMFS down',
        wallSeconds: 12.5,
        cpuSeconds: 10,
        maxRssKb: 1234.4,
        events: 99,
        metrics: { events_per_second: 7.9 },
      },
    });
    expect(event).toMatchObject({
      state: JobState.FAILED,
      exitCode: 1305,
      errorClass: ErrorClass.SITE,
      errorMessage: 'CVMFS down',
      wallSeconds: 12.5,
      maxRssKb: 1234n,
      events: 99n,
      metrics: { events_per_second: 7.9 },
      submitterId: 'sub1',
    });
    expect(timestampDate(event.submittedAt!)).toEqual(job.submittedAt);
    expect(CONTRACTS.jobStateChanged.check(event)).toEqual([]);
    expect(CONTRACTS.jobStateChanged.subject(event)).toBe('anvil.job.failed.CERN-PROD_SIM1');
  });

  it('leaves outcome fields out when the state is running', () => {
    const event = jobStateEvent(job, testId, 'sub1', 'running', {
      occurredAt: new Date(),
      status: { state: 'completed', exitCode: 0, wallSeconds: 3 },
    });
    expect(event.exitCode).toBeUndefined();
    expect(event.wallSeconds).toBeUndefined();
    expect(event.errorClass).toBe(ErrorClass.UNSPECIFIED);
  });

  it('uses the given message when the submitter decided the state', () => {
    const event = jobStateEvent(job, testId, 'sub1', 'cancelled', {
      occurredAt: new Date(),
      errorMessage: 'test cancelled',
    });
    expect(event.errorMessage).toBe('test cancelled');
    expect(CONTRACTS.jobStateChanged.businessKey(event)).toBe(`${job.jobId}.cancelled`);
  });
});
