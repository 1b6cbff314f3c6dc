import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decompressSnapshot } from './snapshot-codec.util';

export interface JournalEntry {
  readonly seq: number;
  readonly jobsSeq: number;
  readonly kind: 'tick' | 'override';
  readonly at: number;
  readonly overrideSeq: number | undefined;
}

export interface StoredEngineState {
  readonly checkpoint:
    | {
        readonly policyName: string;
        readonly policyVersion: number;
        readonly snapshot: unknown;
        readonly jobsSeq: number;
        readonly overridesSeq: number;
        readonly journalSeq: number;
      }
    | undefined;
  readonly queues: unknown[];
  /** Inputs after the checkpoint, in order. */
  readonly journal: JournalEntry[];
  /** Committed stream position per consumer. */
  readonly offsets: ReadonlyMap<string, number>;
}

interface CheckpointRow {
  policy_name: string;
  policy_version: number;
  snapshot: unknown;
  jobs_seq: string;
  overrides_seq: string;
  journal_seq: string;
}

/** Reads what the decider committed: the checkpoint, the journal since, and the consumers' positions. */
@Injectable()
export class EngineStateRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async load(): Promise<StoredEngineState> {
    // One snapshot of all four tables.
    return await this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const [row] = await m.query<CheckpointRow[]>(
        `SELECT policy_name, policy_version, snapshot, jobs_seq, overrides_seq, journal_seq
         FROM decider_global_state WHERE id = 1`,
      );
      const queues = await m.query<{ snapshot: Buffer }[]>(
        `SELECT snapshot FROM decider_queue_state ORDER BY queue_id`,
      );
      const journal = await m.query<
        { seq: string; jobs_seq: string; kind: 'tick' | 'override'; at: string; override_seq: string | null }[]
      >(`SELECT seq, jobs_seq, kind, at, override_seq FROM decider_journal WHERE seq > $1 ORDER BY seq`, [
        row?.journal_seq ?? 0,
      ]);
      const offsets = await m.query<{ consumer: string; stream_seq: string }[]>(
        `SELECT consumer, stream_seq FROM decider_offsets`,
      );
      return {
        checkpoint:
          row === undefined
            ? undefined
            : {
                policyName: row.policy_name,
                policyVersion: row.policy_version,
                snapshot: row.snapshot,
                jobsSeq: Number(row.jobs_seq),
                overridesSeq: Number(row.overrides_seq),
                journalSeq: Number(row.journal_seq),
              },
        queues: await Promise.all(queues.map((q) => decompressSnapshot(q.snapshot))),
        journal: journal.map((j) => ({
          seq: Number(j.seq),
          jobsSeq: Number(j.jobs_seq),
          kind: j.kind,
          at: Number(j.at),
          overrideSeq: j.override_seq === null ? undefined : Number(j.override_seq),
        })),
        offsets: new Map(offsets.map((o) => [o.consumer, Number(o.stream_seq)])),
      };
    });
  }
}
