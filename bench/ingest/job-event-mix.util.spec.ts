import { JobState } from '@anvil/contracts';
import { JobEventMix, type PlannedJobEvent } from './job-event-mix.util';
import { jobStateEvent } from './job-state-event.util';

const mix = (events: number, spacingJobs = 4) =>
  new JobEventMix({ events, queues: 10, tests: 3, seed: 1, spacingJobs });

describe(JobEventMix.name, () => {
  describe('order', () => {
    it('is exactly `events` long and gives each job its phases in order, spaced out', () => {
      const planned = [...mix(30).order()];
      expect(planned).toHaveLength(30);
      const seen = new Map<number, PlannedJobEvent['phase'][]>();
      planned.forEach(({ job, phase }) => seen.set(job, [...(seen.get(job) ?? []), phase]));
      expect([...seen.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      for (const phases of seen.values()) {
        expect(phases).toEqual(['submitted', 'running', 'final']);
      }
      // Job 0's running comes after the next four jobs were submitted.
      expect(planned.slice(0, 6)).toEqual([
        { job: 0, phase: 'submitted' },
        { job: 1, phase: 'submitted' },
        { job: 2, phase: 'submitted' },
        { job: 3, phase: 'submitted' },
        { job: 4, phase: 'submitted' },
        { job: 0, phase: 'running' },
      ]);
    });

    it('leaves the last jobs short of their final event when events is not a multiple of 3', () => {
      const planned = [...mix(28).order()];
      expect(planned).toHaveLength(28);
      expect(planned.filter((p) => p.phase === 'final').map((p) => p.job)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    });
  });

  describe('expected', () => {
    it('counts the jobs and their last states, failures as the profiles say', () => {
      const m = mix(28);
      const failed = Array.from({ length: 8 }, (_, job) => m.profile(job).failed).filter(Boolean).length;
      expect(m.expected()).toEqual({ jobs: 10, submitted: 0, running: 2, completed: 8 - failed, failed });
    });
  });

  describe('profile', () => {
    it('is the same for the same seed and spreads jobs over queues, tests and outcomes', () => {
      const m = new JobEventMix({ events: 90_000, queues: 1_000, tests: 20, seed: 3 });
      expect(m.profile(123)).toEqual(new JobEventMix({ events: 3, queues: 1_000, tests: 20, seed: 3 }).profile(123));
      const profiles = Array.from({ length: m.jobs }, (_, job) => m.profile(job));
      const failedShare = profiles.filter((p) => p.failed).length / profiles.length;
      expect(failedShare).toBeGreaterThan(0.09);
      expect(failedShare).toBeLessThan(0.11);
      expect(new Set(profiles.map((p) => p.queue)).size).toBe(1_000);
      expect(new Set(profiles.map((p) => p.test)).size).toBe(20);
      for (const p of profiles.slice(0, 1_000)) {
        expect(p.failed ? p.errorClass !== null && p.exitCode > 0 : p.errorClass === null && p.exitCode === 0).toBe(
          true,
        );
        expect(p.cpuSeconds).toBeLessThanOrEqual(p.wallSeconds);
      }
    });
  });
});

describe(jobStateEvent.name, () => {
  const ids = {
    jobIds: ['6f1c3a52-7a52-4c8e-9a43-2d1e5b7a9c01'],
    testIds: ['0b6e8f8e-0d7e-4a3b-8d62-7d5e9d0c1a11', '1c7f9a9f-1e8f-4b4c-9e73-8e6f0e1d2b22', 'x'],
    queueIds: Array.from({ length: 10 }, (_, i) => `q${i}`),
  };
  const failed = { queue: 4, test: 1, failed: true, errorClass: 'site', exitCode: 9 } as const;
  const profile = { ...failed, wallSeconds: 100, cpuSeconds: 50, events: 20 };

  it('stamps the identity and times on every event, details only on the final one', () => {
    const submitted = jobStateEvent({ job: 0, phase: 'submitted' }, profile, ids, 1_000, 1_000);
    expect(submitted).toMatchObject({ jobId: ids.jobIds[0], testId: ids.testIds[1], queueId: 'q4' });
    expect(submitted.state).toBe(JobState.SUBMITTED);
    expect(submitted.wallSeconds).toBeUndefined();
    const final = jobStateEvent({ job: 0, phase: 'final' }, profile, ids, 1_000, 5_500);
    expect(final.state).toBe(JobState.FAILED);
    expect(Number(final.submittedAt?.seconds)).toBe(1);
    expect(Number(final.occurredAt?.seconds)).toBe(5);
    expect(final.occurredAt?.nanos).toBe(500_000_000);
    expect(final).toMatchObject({ exitCode: 9, wallSeconds: 100, cpuSeconds: 50, events: 20n });
    expect(final.errorMessage).toBe('exit code 9');
  });
});
