import { fromBinary } from '@bufbuild/protobuf';
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import { AckPolicy, DeliverPolicy, nanos, type ConsumerMessages } from 'nats';
import type { DataSource, Repository } from 'typeorm';
import type { BusConnection } from '@anvil/bus';
import {
  errorClassName,
  isFinalJobState,
  jobStateName,
  jobStateRank,
  JobStateChangedSchema,
  type JobStateChanged,
} from '@anvil/contracts';
import { JobEntity } from '@anvil/db';

/** Durable of the naive consumer in its own namespace. */
export const NAIVE_DURABLE = 'bench-naive-jobs';

/**
 * The straightforward consumer the ingester is compared with: pulls job events, and for each one loads the job
 * with TypeORM, applies the state if it moves forward, `save()`s it, then acks. One event at a time, no batching,
 * and it writes `jobs` only (no rollups, no Redis): less work than the ingester does, so the ratio is conservative.
 */
export class NaiveJobConsumer {
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;
  private stopped: Promise<void> | undefined;
  private errors = 0;

  constructor(
    private readonly bus: BusConnection,
    private readonly dataSource: DataSource,
  ) {}

  get failures(): number {
    return this.errors;
  }

  async start(stream: string): Promise<void> {
    await this.bus.jsm.consumers.add(stream, {
      durable_name: NAIVE_DURABLE,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: this.bus.namespace.subject('anvil.job.>'),
      ack_wait: nanos(30_000),
    });
    const consumer = await this.bus.js.consumers.get(stream, NAIVE_DURABLE);
    this.messages = await consumer.consume({ max_messages: 100 });
    this.loop = this.run(this.messages, this.dataSource.getRepository(JobEntity));
  }

  /** Stops pulling and waits for the event in hand. Idempotent. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      await this.messages?.close();
      await this.loop;
    })();
    return this.stopped;
  }

  private async run(messages: ConsumerMessages, jobs: Repository<JobEntity>): Promise<void> {
    for await (const msg of messages) {
      try {
        await this.apply(jobs, fromBinary(JobStateChangedSchema, msg.data));
        msg.ack();
      } catch {
        this.errors += 1;
        msg.nak(1_000);
      }
    }
  }

  private async apply(jobs: Repository<JobEntity>, event: JobStateChanged): Promise<void> {
    const state = jobStateName(event.state);
    const submittedAt = date(event.submittedAt);
    let job = await jobs.findOneBy({ id: event.jobId, submittedAt });
    if (job === null) {
      job = jobs.create({
        id: event.jobId,
        submittedAt,
        testId: event.testId,
        queueId: event.queueId,
        backend: event.backend,
        backendJobId: event.backendJobId,
        submitterId: event.submitterId,
        metrics: {},
      });
    } else if (jobStateRank(state) <= jobStateRank(job.state)) {
      return;
    }
    job.state = state;
    job.updatedAt = new Date();
    if (state === 'running') {
      job.startedAt ??= date(event.occurredAt);
    }
    if (isFinalJobState(state)) {
      job.finishedAt = date(event.occurredAt);
      job.exitCode = event.exitCode ?? null;
      job.errorClass = errorClassName(event.errorClass);
      job.errorMessage = event.errorMessage === '' ? null : event.errorMessage;
      job.wallSeconds = event.wallSeconds ?? null;
      job.cpuSeconds = event.cpuSeconds ?? null;
      job.maxRssKb = event.maxRssKb?.toString() ?? null;
      job.stageInSeconds = event.stageInSeconds ?? null;
      job.events = event.events?.toString() ?? null;
      job.metrics = { ...job.metrics, ...event.metrics };
    }
    await jobs.save(job);
  }
}

function date(timestamp: Timestamp | undefined): Date {
  if (timestamp === undefined) {
    throw new Error('timestamp missing');
  }
  return timestampDate(timestamp);
}
