import {
  createScenarioPrng,
  failureAt,
  MS_PER,
  pickErrorClass,
  realiseScenario,
  streamSeed,
  type GroundTruth,
  type RealisedQueue,
  type RealisedScenario,
  type ScenarioDescription,
  type ScenarioPrng,
} from '@anvil/backends';
import type { JobOutcome } from '@anvil/policy';

export interface GeneratedScenario {
  readonly description: ScenarioDescription;
  readonly realised: RealisedScenario;
  /** Every job result, sorted by time (then job id). */
  readonly outcomes: readonly JobOutcome[];
  readonly truth: GroundTruth;
}

/**
 * Generates a scenario's trace and ground truth for a seed. Each golden template of each queue
 * submits a job every `cadence × [1 ± jitter]` minutes; a job's outcome is drawn from the queue's
 * state when it starts, and again when it ends inside a segment that hits running jobs. Only jobs
 * that end before the scenario does are in the trace.
 */
export function generateScenario(description: ScenarioDescription, seed: number): GeneratedScenario {
  const realised = realiseScenario(description, seed);
  const outcomes: JobOutcome[] = [];
  for (const queue of realised.queues) {
    for (const template of queue.templates) {
      const prng = createScenarioPrng(streamSeed(seed, description.name, 'jobs', queue.id, template));
      const cadenceMs = queue.cadenceMinutes * MS_PER.minute;
      const { jitter } = realised.timing;
      let submit = realised.start + prng.next() * cadenceMs;
      for (let n = 1; submit < realised.end; n++) {
        const outcome = runJob(realised, queue, template, `${queue.id}_${template}_${n}`, submit, prng);
        if (outcome.time < realised.end) {
          outcomes.push(outcome);
        }
        submit += cadenceMs * prng.between(1 - jitter, 1 + jitter);
      }
    }
  }
  outcomes.sort((a, b) => a.time - b.time || (a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0));
  return { description, realised, outcomes, truth: realised.truth };
}

function runJob(
  realised: RealisedScenario,
  queue: RealisedQueue,
  template: string,
  jobId: string,
  submit: number,
  prng: ScenarioPrng,
): JobOutcome {
  const base = { jobId, queueId: queue.id, siteId: queue.site, templateId: template };
  const minutes = (range: readonly [number, number]): number =>
    prng.between(...range) * queue.durationFactor * MS_PER.minute;
  const atStart = failureAt(queue, submit, 'start')!;
  if (prng.chance(atStart.probability)) {
    const time = Math.round(submit + minutes(atStart.failureMinutes ?? realised.timing.failureMinutes));
    noteEvidence(realised, queue.id, submit, time);
    return { ...base, time, outcome: 'failed', errorClass: pickErrorClass(atStart.errorMix, prng) };
  }
  const time = Math.round(submit + minutes(realised.timing.successMinutes));
  const atEnd = failureAt(queue, time, 'running');
  if (atEnd !== undefined && prng.chance(atEnd.probability)) {
    noteEvidence(realised, queue.id, time, time);
    return { ...base, time, outcome: 'failed', errorClass: pickErrorClass(atEnd.errorMix, prng) };
  }
  return { ...base, time, outcome: 'completed' };
}

/** A failure drawn at `drawnAt` inside a break or a central outage is evidence of it until `endsAt`. */
function noteEvidence(realised: RealisedScenario, queueId: string, drawnAt: number, endsAt: number): void {
  const truth = realised.truth;
  const queue = truth.queues.find((q) => q.queueId === queueId);
  const effects = [
    ...(queue?.brokenIntervals ?? []),
    ...truth.centralOutages.filter((outage) => outage.queueIds.includes(queueId)),
  ];
  for (const effect of effects) {
    if (drawnAt >= effect.from && drawnAt < effect.until && endsAt < truth.end) {
      effect.evidenceUntil = Math.max(effect.evidenceUntil, endsAt);
    }
  }
}
