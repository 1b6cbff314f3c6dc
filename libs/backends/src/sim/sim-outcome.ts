import type { ErrorClassName } from '../backend-job-status';
import { sampleDistribution } from './distribution';
import { between, createPrng } from './prng.util';
import { SIM_ERROR_CATALOGUE, SIM_TIME_LIMIT_EXIT_CODE } from './sim-error-catalogue.constant';
import type { SimQueueModel } from './sim-queue-model';

/** Everything about a simulated job's life, fixed at submission. Times are seconds after submission/start. */
export interface SimOutcome {
  readonly waitSeconds: number;
  /** Seconds from start to the final state. */
  readonly runSeconds: number;
  readonly state: 'completed' | 'failed';
  readonly exitCode: number;
  readonly errorClass?: ErrorClassName;
  readonly errorMessage?: string;
  readonly cpuSeconds: number;
  readonly maxRssKb: number;
  readonly events: number;
  readonly eventsPerSecond: number;
}

const DEFAULT_EVENTS_PER_SECOND = 10;

/**
 * The outcome of job `jobId` on a queue with `model`: a pure function of its arguments, so a
 * simulation with the same seed replays exactly. Draws happen in a fixed order; add new draws at the end.
 */
export function computeSimOutcome(
  seed: number,
  jobId: string,
  model: SimQueueModel,
  timeLimitSeconds?: number,
): SimOutcome {
  const prng = createPrng('sim', seed, jobId);
  const waitSeconds = sampleDistribution(model.queueWaitSeconds, prng);
  const fullRunSeconds = sampleDistribution(model.runSeconds, prng);
  const failRoll = prng();
  const failPoint = between(prng, 0.1, 0.9);
  const messageRoll = prng();
  const cpuEfficiency = between(prng, 0.6, 0.95);
  const rssKb = Math.round(between(prng, 800_000, 2_400_000));
  const eventJitter = between(prng, 0.85, 1.15);

  const failed = failRoll < model.failureProbability;
  const naturalRunSeconds = failed ? (model.failFastSeconds ?? fullRunSeconds * failPoint) : fullRunSeconds;
  const killed = timeLimitSeconds !== undefined && naturalRunSeconds > timeLimitSeconds;
  const runSeconds = killed ? timeLimitSeconds : naturalRunSeconds;
  const eventsPerSecond = (model.eventsPerSecond ?? DEFAULT_EVENTS_PER_SECOND) * eventJitter;
  return endSimJob(
    { waitSeconds, runSeconds, cpuSeconds: runSeconds * cpuEfficiency, maxRssKb: rssKb, eventsPerSecond },
    {
      killedAtSeconds: killed ? timeLimitSeconds : undefined,
      failure: failed ? { errorClass: model.errorClass, messages: model.errorMessages, roll: messageRoll } : undefined,
    },
  );
}

/** How a simulated job ends: killed at its time limit, failed with an error of a class, or neither (completed). */
export interface SimJobEnding {
  readonly killedAtSeconds?: number;
  /** `roll` in [0, 1) picks the message (from `messages`, else the class's catalogue) and its exit code. */
  readonly failure?: {
    readonly errorClass: ErrorClassName;
    readonly messages?: readonly string[];
    readonly roll: number;
  };
}

type SimJobFigures = Pick<SimOutcome, 'waitSeconds' | 'runSeconds' | 'cpuSeconds' | 'maxRssKb' | 'eventsPerSecond'>;

/** A simulated job's outcome from its figures and its ending; `figures` may carry more fields, kept as they are. */
export function endSimJob<T extends SimJobFigures>(figures: T, ending: SimJobEnding): T & SimOutcome {
  const { eventsPerSecond, runSeconds } = figures;
  if (ending.killedAtSeconds !== undefined) {
    return {
      ...figures,
      state: 'failed',
      exitCode: SIM_TIME_LIMIT_EXIT_CODE,
      errorClass: 'workload',
      errorMessage: `job exceeded its time limit of ${ending.killedAtSeconds} s`,
      events: Math.floor(eventsPerSecond * runSeconds),
    };
  }
  if (ending.failure !== undefined) {
    const catalogue = SIM_ERROR_CATALOGUE[ending.failure.errorClass];
    const messages = ending.failure.messages ?? catalogue.messages;
    const index = Math.min(messages.length - 1, Math.floor(ending.failure.roll * messages.length));
    return {
      ...figures,
      state: 'failed',
      exitCode: catalogue.exitCodes[index % catalogue.exitCodes.length],
      errorClass: ending.failure.errorClass,
      errorMessage: messages[index],
      events: Math.floor(eventsPerSecond * runSeconds),
    };
  }
  return { ...figures, state: 'completed', exitCode: 0, events: Math.round(eventsPerSecond * runSeconds) };
}
