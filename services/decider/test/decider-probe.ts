import type { DataSource } from 'typeorm';
import type { BusConnection } from '@anvil/bus';
import { STREAMS } from '@anvil/contracts';

export interface DecisionRow {
  id: string;
  queue_id: string;
  action: string;
  source: string;
  policy_name: string | null;
  policy_version: number | null;
  reason: string;
  evidence: Record<string, unknown>;
  enforced: boolean;
  actor: string;
  outage_id: string | null;
  decided_at: Date;
}

/** Reads what a decider wrote: decisions, its stream position, its outbox. */
export class DeciderProbe {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: BusConnection,
  ) {}

  async decisions(): Promise<DecisionRow[]> {
    return await this.dataSource.query<DecisionRow[]>(
      `SELECT id, queue_id, action, source, policy_name, policy_version, reason, evidence, enforced, actor, outage_id,
         decided_at FROM decisions ORDER BY decided_at, id`,
    );
  }

  async jobOffset(): Promise<number> {
    const [row] = await this.dataSource.query<{ stream_seq: string }[]>(
      `SELECT stream_seq FROM decider_offsets WHERE consumer = 'decider-job-outcomes'`,
    );
    return row === undefined ? 0 : Number(row.stream_seq);
  }

  /** The job stream position the last checkpoint includes (0: no checkpoint yet). */
  async checkpointJobsSeq(): Promise<number> {
    const [row] = await this.dataSource.query<{ jobs_seq: string }[]>(`SELECT jobs_seq FROM decider_global_state`);
    return row === undefined ? 0 : Number(row.jobs_seq);
  }

  async unpublished(): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM decider_outbox WHERE published_at IS NULL`,
    );
    return row.n;
  }

  async jobStreamLastSeq(): Promise<number> {
    const info = await this.bus.jsm.streams.info(this.bus.namespace.stream(STREAMS.JOBS.name));
    return info.state.last_seq;
  }

  /** Throws until the decider has committed the whole job stream and published every event. */
  async expectCaughtUp(): Promise<void> {
    const [offset, last, unpublished] = await Promise.all([
      this.jobOffset(),
      this.jobStreamLastSeq(),
      this.unpublished(),
    ]);
    if (offset !== last || unpublished !== 0) {
      throw new Error(`decider behind: offset ${offset} of ${last}, ${unpublished} unpublished events`);
    }
  }
}
