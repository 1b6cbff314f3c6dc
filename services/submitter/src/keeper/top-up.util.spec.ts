import type { KeeperProfile } from './keeper-test.type';
import { jobsToSubmit, maxRunningAt } from './top-up.util';

const base = { totalJobs: 0, resubmit: true, steps: [], ramp: 'step' } as const;

function profile(fields: Partial<KeeperProfile>): KeeperProfile {
  return { minQueueDepth: 2, maxRunning: 5, ...base, ...fields };
}

const functional = profile({});

describe('jobsToSubmit', () => {
  it('fills the queue up to minQueueDepth when it is empty', () => {
    expect(jobsToSubmit({ submitted: 0, running: 0, submittedTotal: 0 }, functional, 100)).toBe(2);
  });

  it('submits only the missing waiting jobs when some are waiting', () => {
    expect(jobsToSubmit({ submitted: 1, running: 0, submittedTotal: 7 }, functional, 100)).toBe(1);
  });

  it('stops at maxRunning in flight when many jobs run', () => {
    expect(jobsToSubmit({ submitted: 0, running: 4, submittedTotal: 9 }, functional, 100)).toBe(1);
    expect(jobsToSubmit({ submitted: 0, running: 5, submittedTotal: 9 }, functional, 100)).toBe(0);
  });

  it('never returns a negative number when the queue holds more than the profile asks', () => {
    expect(jobsToSubmit({ submitted: 4, running: 3, submittedTotal: 7 }, functional, 100)).toBe(0);
  });

  it('stops at totalJobs when the test is a stress test', () => {
    const stress = profile({ minQueueDepth: 10, maxRunning: 20, totalJobs: 25 });
    expect(jobsToSubmit({ submitted: 0, running: 5, submittedTotal: 22 }, stress, 100)).toBe(3);
    expect(jobsToSubmit({ submitted: 0, running: 0, submittedTotal: 25 }, stress, 100)).toBe(0);
  });

  it('ignores totalJobs when it is 0', () => {
    expect(jobsToSubmit({ submitted: 0, running: 0, submittedTotal: 1_000_000 }, functional, 100)).toBe(2);
  });

  it('submits at most perTickLimit at once when the profile asks for many', () => {
    const deep = profile({ minQueueDepth: 500, maxRunning: 1000 });
    expect(jobsToSubmit({ submitted: 0, running: 0, submittedTotal: 0 }, deep, 50)).toBe(50);
  });

  it('submits each queue its first batch only when resubmission is off', () => {
    const once = profile({ resubmit: false, minQueueDepth: 2, maxRunning: 3 });
    expect(jobsToSubmit({ submitted: 0, running: 0, submittedTotal: 0 }, once, 100)).toBe(2);
    expect(jobsToSubmit({ submitted: 0, running: 2, submittedTotal: 2 }, once, 100)).toBe(1);
    expect(jobsToSubmit({ submitted: 0, running: 0, submittedTotal: 3 }, once, 100)).toBe(0);
  });

  it('follows the step profile when the test has steps', () => {
    const stepped = profile({
      minQueueDepth: 1,
      maxRunning: 2,
      steps: [
        { afterSeconds: 60, maxRunning: 10 },
        { afterSeconds: 120, maxRunning: 4 },
      ],
    });
    expect(maxRunningAt(stepped, 0)).toBe(2);
    expect(maxRunningAt(stepped, 59)).toBe(2);
    expect(maxRunningAt(stepped, 60)).toBe(10);
    expect(maxRunningAt(stepped, 500)).toBe(4);
    expect(jobsToSubmit({ submitted: 0, running: 0, submittedTotal: 0 }, stepped, 100, 30)).toBe(2);
    // Waiting jobs are not limited to minQueueDepth: the profile asks for that many in flight.
    expect(jobsToSubmit({ submitted: 3, running: 0, submittedTotal: 3 }, stepped, 100, 90)).toBe(7);
    expect(jobsToSubmit({ submitted: 0, running: 2, submittedTotal: 2 }, stepped, 100, 90)).toBe(8);
    expect(jobsToSubmit({ submitted: 0, running: 10, submittedTotal: 12 }, stepped, 100, 130)).toBe(0);
  });

  it('ramps linearly between steps when the ramp is linear', () => {
    const ramp = profile({
      minQueueDepth: 0,
      maxRunning: 0,
      ramp: 'linear',
      steps: [{ afterSeconds: 100, maxRunning: 50 }],
    });
    expect(maxRunningAt(ramp, 0)).toBe(0);
    expect(jobsToSubmit({ submitted: 0, running: 0, submittedTotal: 0 }, ramp, 100, 0)).toBe(0);
    expect(jobsToSubmit({ submitted: 1, running: 20, submittedTotal: 40 }, ramp, 100, 60)).toBe(9);
    expect(maxRunningAt(ramp, 50)).toBe(25);
    expect(maxRunningAt(ramp, 99)).toBe(49);
    expect(maxRunningAt(ramp, 1000)).toBe(50);
  });
});
