import { jobsToSubmit } from './top-up.util';

const functional = { minQueueDepth: 2, maxRunning: 5, totalJobs: 0 };

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
    const stress = { minQueueDepth: 10, maxRunning: 20, totalJobs: 25 };
    expect(jobsToSubmit({ submitted: 0, running: 5, submittedTotal: 22 }, stress, 100)).toBe(3);
    expect(jobsToSubmit({ submitted: 0, running: 0, submittedTotal: 25 }, stress, 100)).toBe(0);
  });

  it('ignores totalJobs when it is 0', () => {
    expect(jobsToSubmit({ submitted: 0, running: 0, submittedTotal: 1_000_000 }, functional, 100)).toBe(2);
  });

  it('submits at most perTickLimit at once when the profile asks for many', () => {
    const deep = { minQueueDepth: 500, maxRunning: 1000, totalJobs: 0 };
    expect(jobsToSubmit({ submitted: 0, running: 0, submittedTotal: 0 }, deep, 50)).toBe(50);
  });
});
