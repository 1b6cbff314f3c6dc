import type { BrokenInterval, GroundTruth, QueueTruth } from '@anvil/backends';
import type { JobOutcome } from '@anvil/policy';
import { outageDecision, queueDecision } from './decision.fixture';
import { scoreScenario } from './score-scenario.util';

const M = 60_000;
const TEMPLATES = ['t1', 't2', 't3'];

function queue(
  queueId: string,
  intervals: [number, number, number?][] = [],
  baseline: QueueTruth['baseline'] = 'healthy',
): QueueTruth {
  const brokenIntervals: BrokenInterval[] = intervals.map(([from, until, evidenceUntil]) => ({
    from: from * M,
    until: until * M,
    repaired: true,
    cause: 'outage',
    evidenceUntil: (evidenceUntil ?? until) * M,
  }));
  return { queueId, siteId: 'S', templates: TEMPLATES, baseline, special: true, brokenIntervals };
}

function job(queueId: string, minute: number, templateId: string, outcome: JobOutcome['outcome']): JobOutcome {
  return {
    jobId: `${queueId}-${minute}`,
    queueId,
    siteId: 'S',
    templateId,
    time: minute * M,
    outcome,
    ...(outcome === 'failed' ? { errorClass: 'site' as const } : {}),
  };
}

function truthOf(queues: QueueTruth[], centralOutages: GroundTruth['centralOutages'] = []): GroundTruth {
  return { scenario: 'spec', seed: 1, start: 0, end: 4320 * M, queues, centralOutages };
}

describe(scoreScenario.name, () => {
  describe('on a mixed hand-made case', () => {
    const truth = truthOf(
      [
        queue('bh', [[100, 400, 410]]),
        queue('flaky', [], 'flaky'),
        queue('ok'),
        queue('flap', [
          [1000, 1100],
          [1200, 1300],
        ]),
      ],
      [{ from: 2000 * M, until: 2120 * M, evidenceUntil: 2130 * M, queueIds: ['ok', 'flaky'] }],
    );
    const outcomes = [
      job('bh', 50, 't1', 'completed'),
      job('bh', 110, 't1', 'failed'),
      job('bh', 120, 't2', 'failed'),
      job('bh', 130, 't3', 'failed'),
      job('bh', 140, 't1', 'failed'),
      job('bh', 420, 't1', 'completed'),
      job('bh', 430, 't2', 'completed'),
      job('bh', 440, 't3', 'completed'),
      job('bh', 450, 't1', 'completed'),
      job('bh', 460, 't2', 'completed'),
      job('bh', 470, 't3', 'completed'),
    ];
    const decisions = [
      queueDecision('exclude', 'bh', 130),
      queueDecision('exclude', 'ok', 150, false),
      queueDecision('recover', 'bh', 465),
      queueDecision('exclude', 'flaky', 500),
      queueDecision('recover', 'flaky', 600),
      queueDecision('exclude', 'flaky', 700),
      queueDecision('exclude', 'flap', 1050),
      queueDecision('recover', 'flap', 1150),
      outageDecision('open', 2005),
      queueDecision('exclude', 'ok', 2010),
      outageDecision('close', 2130),
      queueDecision('recover', 'ok', 2200),
      outageDecision('open', 3000),
    ];
    const score = scoreScenario(truth, outcomes, decisions);

    it('counts exclusions of queues that are not broken as false, flaky and central-outage ones apart', () => {
      expect(score).toMatchObject({
        exclusions: 5,
        falseExclusions: 3,
        flakyExclusions: 2,
        centralOutageExclusions: 1,
      });
      expect(score.centralOutageAffectedQueues).toBe(2);
    });

    it('counts a broken interval without any exclusion as missed', () => {
      expect(score).toMatchObject({ brokenIntervals: 3, missedIntervals: 1 });
    });

    it('measures detection delay in the queue’s jobs since the break and in minutes', () => {
      expect(score.detectionDelays).toEqual([
        { queueId: 'bh', brokenFrom: 100 * M, jobs: 3, minutes: 30 },
        { queueId: 'flap', brokenFrom: 1000 * M, jobs: 0, minutes: 50 },
      ]);
    });

    it('measures recovery delay after the repair in minutes and successes per golden template', () => {
      expect(score.recoveryDelays).toEqual([
        {
          queueId: 'bh',
          repairedAt: 400 * M,
          minutes: 65,
          successfulJobsPerTemplate: { t1: 2, t2: 2, t3: 1 },
          minSuccessfulJobsPerTemplate: 1,
          maxSuccessfulJobsPerTemplate: 2,
        },
        {
          queueId: 'flap',
          repairedAt: 1100 * M,
          minutes: 50,
          successfulJobsPerTemplate: { t1: 0, t2: 0, t3: 0 },
          minSuccessfulJobsPerTemplate: 0,
          maxSuccessfulJobsPerTemplate: 0,
        },
      ]);
      expect(score).toMatchObject({ unrecoveredRepairs: 0, prematureRecoveries: 0 });
    });

    it('counts a re-exclusion within 24 h of a recovery as a flap', () => {
      expect(score.flaps).toBe(1);
      expect(score.durationDays).toBe(3);
    });

    it('counts opened outages, and those outside a central outage', () => {
      expect(score).toMatchObject({ outagesOpened: 2, outagesOutsideCentralOutages: 1 });
    });

    it('adds up hours healthy queues spent excluded and broken queues spent not excluded', () => {
      expect(score.healthyExcludedHours).toBeCloseTo((65 + 100 + 3620 + 190 + 50) / 60, 6);
      expect(score.brokenNotExcludedHours).toBeCloseTo((30 + 50 + 100) / 60, 6);
    });
  });

  it('counts a recovery while still broken as premature and a repaired queue left excluded as unrecovered', () => {
    const truth = truthOf([
      queue('p', [[100, 500]]),
      queue('h', [
        [100, 200],
        [300, 400],
      ]),
    ]);
    const decisions = [
      queueDecision('exclude', 'p', 150),
      queueDecision('recover', 'p', 300),
      queueDecision('exclude', 'p', 350),
      queueDecision('exclude', 'h', 120),
    ];
    const score = scoreScenario(truth, [], decisions);
    expect(score).toMatchObject({ prematureRecoveries: 1, unrecoveredRepairs: 2, flaps: 1, falseExclusions: 0 });
    expect(score.detectionDelays.map((d) => [d.queueId, d.minutes])).toEqual([
      ['p', 50],
      ['h', 20],
    ]);
    expect(score.recoveryDelays).toEqual([]);
  });

  it('takes an exclusion on late evidence, after the repair, as a late detection rather than a false one', () => {
    const truth = truthOf([queue('late', [[100, 200, 230]])]);
    const decisions = [queueDecision('exclude', 'late', 220), queueDecision('recover', 'late', 260)];
    const score = scoreScenario(truth, [], decisions);
    expect(score).toMatchObject({ falseExclusions: 0, missedIntervals: 0 });
    expect(score.detectionDelays).toEqual([expect.objectContaining({ minutes: 120 })]);
    expect(score.recoveryDelays).toEqual([expect.objectContaining({ minutes: 60 })]);
  });

  it('counts an exclusion after the late evidence ended as false', () => {
    const truth = truthOf([queue('late', [[100, 200, 230]])]);
    const score = scoreScenario(truth, [], [queueDecision('exclude', 'late', 231)]);
    expect(score).toMatchObject({ falseExclusions: 1, missedIntervals: 1 });
  });

  it('treats a queue missing from the truth as healthy', () => {
    const score = scoreScenario(truthOf([]), [], [queueDecision('exclude', 'ghost', 10)]);
    expect(score).toMatchObject({ exclusions: 1, falseExclusions: 1, flakyExclusions: 0 });
  });
});
