import { MS_PER, type BrokenInterval, type GroundTruth, type QueueTruth } from '@anvil/backends';
import type { EngineDecision, JobOutcome } from '@anvil/policy';
import { exclusionIntervals, type ExclusionInterval } from './exclusion-intervals.util';
import type { DetectionDelay, RecoveryDelay, ScenarioScore } from './scenario-score.types';

export interface ScoreOptions {
  /** An exclusion this soon after the queue's previous recovery is a flap. Default 24 h. */
  readonly flapWindowMs?: number;
}

/**
 * Scores a policy's decisions against a scenario's ground truth. Pure. Only enforced queue decisions
 * and outage decisions count; a queue is excluded from an enforced exclude to the next enforced
 * recover (or the scenario end).
 */
export function scoreScenario(
  truth: GroundTruth,
  outcomes: readonly JobOutcome[],
  decisions: readonly EngineDecision[],
  options: ScoreOptions = {},
): ScenarioScore {
  const flapWindowMs = options.flapWindowMs ?? MS_PER.day;
  const byQueue = exclusionIntervals(decisions, truth.end);
  const outcomesOf = groupOutcomes(outcomes);
  const truthOf = new Map(truth.queues.map((q) => [q.queueId, q]));
  const inCentralOutage = (time: number): boolean =>
    truth.centralOutages.some((outage) => time >= outage.from && time <= outage.evidenceUntil);
  let falseExclusions = 0;
  let flakyExclusions = 0;
  let centralOutageExclusions = 0;
  let prematureRecoveries = 0;
  let flaps = 0;
  let healthyExcludedMs = 0;
  for (const [queueId, exclusions] of byQueue) {
    const queue = truthOf.get(queueId);
    const intervals = queue?.brokenIntervals ?? [];
    exclusions.forEach((exclusion, index) => {
      const broken = intervals.some((b) => exclusion.from >= b.from && exclusion.from <= b.evidenceUntil);
      if (!broken) {
        falseExclusions++;
        flakyExclusions += queue?.baseline === 'flaky' ? 1 : 0;
        centralOutageExclusions += inCentralOutage(exclusion.from) ? 1 : 0;
      }
      const previous = exclusions[index - 1];
      flaps += previous !== undefined && exclusion.from - previous.until <= flapWindowMs ? 1 : 0;
      const recoveredWhileBroken = intervals.some((b) => exclusion.until >= b.from && exclusion.until < b.until);
      prematureRecoveries += !exclusion.open && recoveredWhileBroken ? 1 : 0;
      const brokenOverlap = intervals.reduce((sum, b) => sum + overlap(exclusion, b.from, b.until), 0);
      healthyExcludedMs += exclusion.until - exclusion.from - brokenOverlap;
    });
  }
  const detectionDelays: DetectionDelay[] = [];
  const recoveryDelays: RecoveryDelay[] = [];
  let brokenIntervals = 0;
  let missedIntervals = 0;
  let unrecoveredRepairs = 0;
  let brokenNotExcludedMs = 0;
  for (const queue of truth.queues) {
    const exclusions = byQueue.get(queue.queueId) ?? [];
    const jobs = outcomesOf.get(queue.queueId) ?? [];
    queue.brokenIntervals.forEach((interval, index) => {
      brokenIntervals++;
      const covering = exclusions.filter((e) => e.from <= interval.evidenceUntil && e.until > interval.from);
      const excludedMs = exclusions.reduce((sum, e) => sum + overlap(e, interval.from, interval.until), 0);
      brokenNotExcludedMs += interval.until - interval.from - excludedMs;
      if (covering.length === 0) {
        missedIntervals++;
        return;
      }
      const first = covering[0];
      if (first.from >= interval.from) {
        const counted = jobs.filter((job) => job.time >= interval.from && job.time <= first.from);
        detectionDelays.push({
          queueId: queue.queueId,
          brokenFrom: interval.from,
          jobs: counted.length,
          minutes: (first.from - interval.from) / MS_PER.minute,
        });
      }
      if (interval.repaired) {
        const nextBreak = queue.brokenIntervals[index + 1]?.from ?? Number.POSITIVE_INFINITY;
        const recovery = recoveryAfter(queue, interval, covering.at(-1)!, nextBreak, jobs);
        if (recovery === 'unrecovered') {
          unrecoveredRepairs++;
        } else if (recovery !== undefined) {
          recoveryDelays.push(recovery);
        }
      }
    });
  }
  const outageOpens = decisions.filter((d) => d.type === 'outage' && d.action === 'open');
  const durationDays = (truth.end - truth.start) / MS_PER.day;
  return {
    scenario: truth.scenario,
    durationDays,
    queues: truth.queues.length,
    exclusions: [...byQueue.values()].reduce((sum, list) => sum + list.length, 0),
    falseExclusions,
    flakyExclusions,
    centralOutageExclusions,
    centralOutageAffectedQueues: new Set(truth.centralOutages.flatMap((o) => o.queueIds)).size,
    brokenIntervals,
    missedIntervals,
    detectionDelays,
    recoveryDelays,
    unrecoveredRepairs,
    prematureRecoveries,
    flaps,
    outagesOpened: outageOpens.length,
    outagesOutsideCentralOutages: outageOpens.filter((d) => !inCentralOutage(d.time)).length,
    healthyExcludedHours: healthyExcludedMs / MS_PER.hour,
    brokenNotExcludedHours: brokenNotExcludedMs / MS_PER.hour,
  };
}

/**
 * How the exclusion that last covered a repaired break ended: a recovery after the repair (measured),
 * still excluded at the end (`unrecovered`), or nothing to measure (lifted before the repair — a
 * premature recovery, counted elsewhere — or held into the queue's next break).
 */
function recoveryAfter(
  queue: QueueTruth,
  interval: BrokenInterval,
  exclusion: ExclusionInterval,
  nextBreak: number,
  jobs: readonly JobOutcome[],
): RecoveryDelay | 'unrecovered' | undefined {
  if (exclusion.until < interval.until || exclusion.until > nextBreak) {
    return undefined;
  }
  if (exclusion.open) {
    return 'unrecovered';
  }
  const successfulJobsPerTemplate = Object.fromEntries(queue.templates.map((t) => [t, 0]));
  for (const job of jobs) {
    if (job.outcome === 'completed' && job.time >= interval.until && job.time <= exclusion.until) {
      successfulJobsPerTemplate[job.templateId] = (successfulJobsPerTemplate[job.templateId] ?? 0) + 1;
    }
  }
  return {
    queueId: queue.queueId,
    repairedAt: interval.until,
    minutes: (exclusion.until - interval.until) / MS_PER.minute,
    successfulJobsPerTemplate,
    minSuccessfulJobsPerTemplate: Math.min(...Object.values(successfulJobsPerTemplate)),
    maxSuccessfulJobsPerTemplate: Math.max(...Object.values(successfulJobsPerTemplate)),
  };
}

function overlap(span: { from: number; until: number }, from: number, until: number): number {
  return Math.max(0, Math.min(span.until, until) - Math.max(span.from, from));
}

function groupOutcomes(outcomes: readonly JobOutcome[]): Map<string, JobOutcome[]> {
  const grouped = new Map<string, JobOutcome[]>();
  for (const outcome of outcomes) {
    const list = grouped.get(outcome.queueId);
    if (list === undefined) {
      grouped.set(outcome.queueId, [outcome]);
    } else {
      list.push(outcome);
    }
  }
  return grouped;
}
