import { computeSimOutcome } from './sim-outcome';
import type { SimQueueModel } from './sim-queue-model';

const flaky: SimQueueModel = {
  failureProbability: 0.3,
  queueWaitSeconds: { kind: 'uniform', min: 1, max: 10 },
  runSeconds: { kind: 'lognormal', median: 15, sigma: 0.4, max: 40 },
  errorClass: 'site',
  eventsPerSecond: 10,
};

describe('computeSimOutcome', () => {
  it('gives the same outcome when the seed and job are the same', () => {
    expect(computeSimOutcome(42, 'job-a', flaky)).toEqual(computeSimOutcome(42, 'job-a', flaky));
  });

  it('gives different outcomes when the seeds differ', () => {
    const a = Array.from({ length: 20 }, (_, i) => computeSimOutcome(1, `job-${i}`, flaky));
    const b = Array.from({ length: 20 }, (_, i) => computeSimOutcome(2, `job-${i}`, flaky));
    expect(a.map((o) => o.waitSeconds)).not.toEqual(b.map((o) => o.waitSeconds));
  });

  it('fails about failureProbability of the jobs when run 10,000 times', () => {
    let failed = 0;
    for (let i = 0; i < 10_000; i++) {
      if (computeSimOutcome(7, `job-${i}`, flaky).state === 'failed') {
        failed += 1;
      }
    }
    // Binomial standard deviation is ~0.0046: 0.02 is more than 4 sigma.
    expect(Math.abs(failed / 10_000 - 0.3)).toBeLessThan(0.02);
  });

  it('keeps durations within the model bounds', () => {
    for (let i = 0; i < 1000; i++) {
      const o = computeSimOutcome(3, `job-${i}`, flaky);
      expect(o.waitSeconds).toBeGreaterThanOrEqual(1);
      expect(o.waitSeconds).toBeLessThan(10);
      expect(o.runSeconds).toBeLessThanOrEqual(40);
      expect(o.cpuSeconds).toBeLessThanOrEqual(o.runSeconds);
    }
  });

  it('fails every job after failFastSeconds with a message from the model when the queue is a black hole', () => {
    const blackHole: SimQueueModel = { ...flaky, failureProbability: 1, failFastSeconds: 2, errorMessages: ['gone'] };
    const o = computeSimOutcome(42, 'job-x', blackHole);
    expect(o).toMatchObject({ state: 'failed', runSeconds: 2, errorClass: 'site', errorMessage: 'gone' });
    expect(o.exitCode).not.toBe(0);
  });

  it('reports exit code 0, events and a rate when the job completes', () => {
    const healthy: SimQueueModel = { ...flaky, failureProbability: 0 };
    const o = computeSimOutcome(42, 'job-ok', healthy);
    expect(o.state).toBe('completed');
    expect(o.exitCode).toBe(0);
    expect(o.errorClass).toBeUndefined();
    expect(o.events).toBeGreaterThan(0);
    expect(o.eventsPerSecond).toBeGreaterThan(8.4);
    expect(o.eventsPerSecond).toBeLessThan(11.6);
  });

  it('fails the job as a workload error when it runs past its time limit', () => {
    const slowRun: SimQueueModel = {
      ...flaky,
      failureProbability: 0,
      runSeconds: { kind: 'uniform', min: 100, max: 200 },
    };
    const o = computeSimOutcome(42, 'job-long', slowRun, 50);
    expect(o).toMatchObject({ state: 'failed', runSeconds: 50, errorClass: 'workload', exitCode: 152 });
  });
});
