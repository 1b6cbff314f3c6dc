import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { compressSnapshot } from './snapshot-codec.util';

export interface Checkpoint {
  readonly policyName: string;
  readonly policyVersion: number;
  readonly global: object;
  /** Clones of the queue snapshots changed since the previous checkpoint. */
  readonly queues: readonly { readonly queueId: string; readonly snapshot: object }[];
  readonly jobsSeq: number;
  readonly overridesSeq: number;
  readonly journalSeq: number;
}

// Queues deleted from `queues` meanwhile are skipped (foreign key).
const UPSERT_QUEUES = `
  INSERT INTO decider_queue_state (queue_id, snapshot)
  SELECT u.queue_id, u.snapshot FROM unnest($1::text[], $2::bytea[]) AS u(queue_id, snapshot)
  WHERE EXISTS (SELECT 1 FROM queues q WHERE q.id = u.queue_id)
  ON CONFLICT (queue_id) DO UPDATE SET snapshot = EXCLUDED.snapshot, updated_at = now()`;

// Queues per statement: serialising one chunk takes a few milliseconds, and deciding goes on between chunks
// (compression runs on the thread pool).
const CHUNK = 20;

// Never backwards: a checkpoint older than the stored one (a deposed leader's) is refused, since the journal
// rows it would need were pruned with the newer one.
const UPSERT_GLOBAL = `
  INSERT INTO decider_global_state AS g (id, policy_name, policy_version, snapshot, jobs_seq, overrides_seq, journal_seq)
  VALUES (1, $1, $2, $3::jsonb, $4, $5, $6)
  ON CONFLICT (id) DO UPDATE SET policy_name = EXCLUDED.policy_name, policy_version = EXCLUDED.policy_version,
    snapshot = EXCLUDED.snapshot, jobs_seq = EXCLUDED.jobs_seq, overrides_seq = EXCLUDED.overrides_seq,
    journal_seq = EXCLUDED.journal_seq, updated_at = now()
  WHERE g.jobs_seq <= EXCLUDED.jobs_seq AND g.overrides_seq <= EXCLUDED.overrides_seq
    AND g.journal_seq <= EXCLUDED.journal_seq
  RETURNING id`;

/** Writes the engine checkpoint: changed queue snapshots, the global row, and prunes the journal it covers. */
@Injectable()
export class CheckpointRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async write(checkpoint: Checkpoint, stillAllowed: () => void): Promise<void> {
    const global = JSON.stringify(checkpoint.global);
    await this.dataSource.transaction('READ COMMITTED', async (m) => {
      for (let i = 0; i < checkpoint.queues.length; i += CHUNK) {
        const chunk = checkpoint.queues.slice(i, i + CHUNK);
        const documents = await Promise.all(chunk.map((q) => compressSnapshot(q.snapshot)));
        await m.query(UPSERT_QUEUES, [chunk.map((q) => q.queueId), documents]);
      }
      const updated = await m.query<unknown[]>(UPSERT_GLOBAL, [
        checkpoint.policyName,
        checkpoint.policyVersion,
        global,
        checkpoint.jobsSeq,
        checkpoint.overridesSeq,
        checkpoint.journalSeq,
      ]);
      if (updated.length === 0) {
        throw new Error('a newer checkpoint is stored: this one is stale');
      }
      await m.query(`DELETE FROM decider_journal WHERE seq <= $1`, [checkpoint.journalSeq]);
      stillAllowed();
    });
  }
}
