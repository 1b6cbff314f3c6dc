import { median } from './median.util';
import type { ScenarioScore } from './scenario-score.types';
import { scoreFigures } from './score-figures.util';

function score(overrides: Partial<ScenarioScore>): ScenarioScore {
  return {
    scenario: 's',
    durationDays: 3,
    queues: 40,
    exclusions: 0,
    falseExclusions: 0,
    flakyExclusions: 0,
    centralOutageExclusions: 0,
    centralOutageAffectedQueues: 0,
    brokenIntervals: 0,
    missedIntervals: 0,
    detectionDelays: [],
    recoveryDelays: [],
    unrecoveredRepairs: 0,
    prematureRecoveries: 0,
    flaps: 0,
    outagesOpened: 0,
    outagesOutsideCentralOutages: 0,
    healthyExcludedHours: 0,
    brokenNotExcludedHours: 0,
    ...overrides,
  };
}

describe(median.name, () => {
  it('takes the middle value, or the mean of the two middle ones, or null for none', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe(scoreFigures.name, () => {
  it('sums counts, pools delays for medians and divides flaps by days and queue-days', () => {
    const recovery = (fewest: number, minutes: number) => ({
      queueId: 'q',
      repairedAt: 0,
      minutes,
      successfulJobsPerTemplate: {},
      minSuccessfulJobsPerTemplate: fewest,
      maxSuccessfulJobsPerTemplate: fewest + 2,
    });
    const figures = scoreFigures([
      score({
        exclusions: 2,
        falseExclusions: 1,
        flaps: 3,
        detectionDelays: [{ queueId: 'a', brokenFrom: 0, jobs: 4, minutes: 10 }],
        recoveryDelays: [recovery(2, 60)],
      }),
      score({
        exclusions: 1,
        flaps: 3,
        durationDays: 3,
        queues: 20,
        detectionDelays: [{ queueId: 'b', brokenFrom: 0, jobs: 8, minutes: 20 }],
        recoveryDelays: [recovery(5, 30), recovery(1, 90)],
      }),
    ]);
    expect(figures).toMatchObject({
      exclusions: 3,
      falseExclusions: 1,
      medianDetectionJobs: 6,
      medianDetectionMinutes: 15,
      medianRecoveryMinutes: 60,
      medianRecoverySuccessfulJobsPerTemplate: 2,
      maxRecoverySuccessfulJobsPerTemplate: 5,
      flaps: 6,
      flapsPerDay: 1,
      flapsPerQueueDay: Math.round((6 / 180) * 10_000) / 10_000,
    });
  });

  it('gives null medians when nothing was detected or recovered', () => {
    const figures = scoreFigures([score({})]);
    expect(figures.medianDetectionJobs).toBeNull();
    expect(figures.maxRecoverySuccessfulJobsPerTemplate).toBeNull();
  });
});
