import { Inject, Injectable, Logger } from '@nestjs/common';
import { fromBinary } from '@bufbuild/protobuf';
import { BUS_CONNECTION, type BusConnection, errorMessage } from '@anvil/bus';
import { CONTRACTS, JobStateChangedSchema, type JobStateChanged } from '@anvil/contracts';
import type { JobOutcome } from '@anvil/policy';
import type { EngineSession } from '../engine/engine-session';
import { queueProfile } from '../queues/queue-info';
import { QueueRepository } from '../queues/queue.repository';
import { GoldenTestCache } from './golden-test.cache';
import { jobOutcome } from './job-outcome.util';

// Final states the decider reads; other states of `anvil.job.>` are skipped without decoding.
const RELEVANT_STATES = new Set(['completed', 'failed', 'lost']);

/** A message of `anvil.job.>` as read from the stream. */
export interface RawJobMessage {
  /** Namespaced subject. */
  readonly subject: string;
  readonly data: Uint8Array;
}

/**
 * Job messages → the engine's outcomes, in stream order: final states of jobs of golden templates on known
 * queues. Used for live batches and for the replay after a restart, so both see the same inputs.
 */
@Injectable()
export class OutcomeReader {
  private readonly logger = new Logger(OutcomeReader.name);

  constructor(
    @Inject(BUS_CONNECTION) private readonly bus: BusConnection,
    private readonly golden: GoldenTestCache,
    private readonly queues: QueueRepository,
  ) {}

  /** `onMalformed(i, problem)` is called for a message that does not decode or fails its checks. */
  async outcomes(
    session: EngineSession,
    msgs: readonly RawJobMessage[],
    onMalformed: (index: number, problem: string) => Promise<void> = () => Promise.resolve(),
  ): Promise<JobOutcome[]> {
    const events: JobStateChanged[] = [];
    for (const [i, msg] of msgs.entries()) {
      const subject = this.bus.namespace.strip(msg.subject);
      if (!RELEVANT_STATES.has(subject.split('.')[2] ?? '')) {
        continue;
      }
      let problem: string;
      try {
        const event = fromBinary(JobStateChangedSchema, msg.data);
        const problems = CONTRACTS.jobStateChanged.check(event);
        if (problems.length === 0) {
          events.push(event);
          continue;
        }
        problem = problems.join('; ');
      } catch (error) {
        problem = `cannot decode ${JobStateChangedSchema.typeName}: ${errorMessage(error)}`;
      }
      await onMalformed(i, problem);
    }
    await this.golden.resolve(events.map((e) => e.testId));
    await this.learnQueues(session, events);
    const outcomes: JobOutcome[] = [];
    for (const event of events) {
      const templateId = this.golden.goldenTemplate(event.testId);
      const queue = session.queues.get(event.queueId);
      const outcome =
        templateId === undefined || queue === undefined
          ? undefined
          : jobOutcome(event, { templateId, siteId: queue.siteId });
      if (outcome !== undefined) {
        outcomes.push(outcome);
      }
    }
    return outcomes;
  }

  /** Queues the decider has not seen yet (created after it started) are read from `queues` and given to the engine. */
  private async learnQueues(session: EngineSession, events: readonly JobStateChanged[]): Promise<void> {
    const unknown = [...new Set(events.map((e) => e.queueId))].filter((id) => !session.queues.has(id));
    if (unknown.length === 0) {
      return;
    }
    const found = await this.queues.byIds(unknown);
    for (const queue of session.queues.merge(found)) {
      session.engine.setQueue(queueProfile(queue));
    }
    if (found.length < unknown.length) {
      const missing = unknown.filter((id) => !session.queues.has(id));
      this.logger.warn({ queues: missing.slice(0, 20) }, 'job events for queues missing from the database: skipped');
    }
  }
}
