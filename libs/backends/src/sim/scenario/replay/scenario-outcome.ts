import type { ErrorClassName } from '../../../backend-job-status';
import { between, createPrng } from '../../prng.util';
import { endSimJob, type SimOutcome } from '../../sim-outcome';
import { failureAt } from '../realise/failure-at.util';
import { MS_PER } from '../realise/ms-per.constant';
import { pickErrorClass } from '../realise/pick-error-class.util';
import type { RealisedQueue } from '../realise/realised-scenario.types';
import type { JobTiming, Range } from '../scenario.types';
import type { ScenarioPrng } from '../realise/scenario-prng.util';

/** Scenario minutes a live job waits before it starts (the vocabulary has no queue wait; the bench has none). */
export const SCENARIO_QUEUE_WAIT_MINUTES: Range = [0.5, 3];

/** Events per second of a job on a queue of normal speed; a slow queue divides it by its duration factor. */
const EVENTS_PER_SECOND = 10;

/** What a live scenario job needs to know about the moment and the grid. */
export interface ScenarioJobContext {
  readonly queue: RealisedQueue;
  readonly timing: JobTiming;
  /** Scenario time (epoch ms of the scenario's own calendar) at which the job was submitted. */
  readonly submittedAt: number;
  /** Scenario seconds per real second. */
  readonly timeScale: number;
  readonly timeLimitSeconds?: number;
}

export interface ScenarioOutcome extends SimOutcome {
  /** Scenario time at which the job started; its behaviour was read there. */
  readonly scenarioStartedAt: number;
}

const lerp = ([min, max]: Range, u: number): number => min + (max - min) * u;

/** A ScenarioPrng that returns one fixed draw, so the error-class pick uses the same code as the bench. */
const fixedDraw = (u: number): ScenarioPrng => ({
  next: () => u,
  between: (a, b) => a + (b - a) * u,
  chance: (p) => u < p,
});

/**
 * The outcome of job `jobId` on a scenario queue, as the bench's trace generator decides it: a job fails
 * with the probability of its queue's worst active segment (or its baseline) when it starts, within the
 * segment's failure minutes (a black hole fails fast) or the grid's; a job that would succeed fails at
 * its end when it ends inside a segment that hits running jobs. Durations are the grid's, times the queue's
 * duration factor (a slow queue), then divided by the time scale. A pure function of its arguments: every
 * draw comes from (seed, job id) in a fixed order.
 */
export function computeScenarioOutcome(seed: number, jobId: string, context: ScenarioJobContext): ScenarioOutcome {
  const { queue, timing, timeScale } = context;
  const prng = createPrng('sim-scenario', seed, jobId);
  const u = {
    wait: prng(),
    failAtStart: prng(),
    failureLength: prng(),
    successLength: prng(),
    failAtEnd: prng(),
    errorClass: prng(),
    message: prng(),
  };
  const cpuEfficiency = between(prng, 0.6, 0.95);
  const rssKb = Math.round(between(prng, 800_000, 2_400_000));
  const eventJitter = between(prng, 0.85, 1.15);

  const waitMinutes = lerp(SCENARIO_QUEUE_WAIT_MINUTES, u.wait);
  const startedAt = context.submittedAt + waitMinutes * MS_PER.minute;
  const atStart = failureAt(queue, startedAt, 'start')!;
  let errorClass: ErrorClassName | undefined;
  let runMinutes: number;
  if (u.failAtStart < atStart.probability) {
    runMinutes = lerp(atStart.failureMinutes ?? timing.failureMinutes, u.failureLength) * queue.durationFactor;
    errorClass = pickErrorClass(atStart.errorMix, fixedDraw(u.errorClass));
  } else {
    runMinutes = lerp(timing.successMinutes, u.successLength) * queue.durationFactor;
    const atEnd = failureAt(queue, startedAt + runMinutes * MS_PER.minute, 'running');
    if (atEnd !== undefined && u.failAtEnd < atEnd.probability) {
      errorClass = pickErrorClass(atEnd.errorMix, fixedDraw(u.errorClass));
    }
  }

  // The time limit is in scenario seconds, like the job's own run; both are scaled to wall time together.
  const limit = context.timeLimitSeconds;
  const killed = limit !== undefined && runMinutes * 60 > limit;
  const runSeconds = (killed ? limit : runMinutes * 60) / timeScale;
  const eventsPerSecond = (EVENTS_PER_SECOND / queue.durationFactor) * eventJitter;
  return endSimJob(
    {
      waitSeconds: (waitMinutes * 60) / timeScale,
      runSeconds,
      cpuSeconds: runSeconds * cpuEfficiency,
      maxRssKb: rssKb,
      eventsPerSecond,
      scenarioStartedAt: startedAt,
    },
    {
      killedAtSeconds: killed ? limit : undefined,
      failure: errorClass === undefined ? undefined : { errorClass, roll: u.message },
    },
  );
}
