import type { JobStateChanged } from '@anvil/contracts';
import { ErrorClass } from '@anvil/contracts';
import { jobEvent, type Outcome } from './job-events';

export interface ScriptQueues {
  /** Queue ids, in the order each step visits them. */
  readonly queueIds: readonly string[];
  readonly goldenTestIds: readonly string[];
  readonly otherTestId: string;
}

export interface ScriptOptions {
  readonly start: number;
  readonly steps: number;
  readonly stepMinutes: number;
  /** Queues failing (site errors) for steps [from, to). */
  readonly blackHoles: ReadonlyMap<string, { from: number; to: number }>;
  /** Queues whose failures are all `central` (never counted by anvil-default). */
  readonly centralFailures: ReadonlySet<string>;
  /** Added to the step in job ids, so two scripts of one test do not share jobs. Default 0. */
  readonly firstJobStep?: number;
}

/**
 * A deterministic job event stream: every step, every queue gets one final result per golden test and one
 * of a non-golden test, plus submitted/running events and, now and then, a lost or cancelled job. Job ids
 * are derived from the position, so two streams built from the same inputs are identical.
 */
export function eventScript(queues: ScriptQueues, options: ScriptOptions): JobStateChanged[] {
  const events: JobStateChanged[] = [];
  for (let step = 0; step < options.steps; step += 1) {
    const at = options.start + step * options.stepMinutes * 60_000;
    queues.queueIds.forEach((queueId, q) => {
      const hole = options.blackHoles.get(queueId);
      const broken = hole !== undefined && step >= hole.from && step < hole.to;
      const central = options.centralFailures.has(queueId) && step % 3 === 1;
      queues.goldenTestIds.forEach((testId, t) => {
        const jobId = jobUuid(step + (options.firstJobStep ?? 0), q, t);
        const time = at + t * 1000 + q * 10;
        events.push(jobEvent({ testId, queueId, outcome: 'submitted', at: time - 90_000, jobId }));
        events.push(jobEvent({ testId, queueId, outcome: 'running', at: time - 60_000, jobId }));
        const noise: Outcome = (step * 7 + q * 3 + t) % 53 === 0 ? 'lost' : 'completed';
        const outcome: Outcome = broken || central ? 'failed' : noise;
        events.push(
          jobEvent({
            testId,
            queueId,
            outcome,
            at: time,
            jobId,
            errorClass: central ? ErrorClass.CENTRAL : ErrorClass.SITE,
          }),
        );
      });
      const other = (step + q) % 4 === 0 ? 'failed' : (step + q) % 9 === 0 ? 'cancelled' : 'completed';
      events.push(
        jobEvent({
          testId: queues.otherTestId,
          queueId,
          outcome: other,
          at: at + 5000,
          jobId: jobUuid(step + (options.firstJobStep ?? 0), q, 9),
        }),
      );
    });
  }
  return events;
}

function jobUuid(step: number, queue: number, template: number): string {
  const hex = (step * 1000 + queue * 10 + template).toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}
