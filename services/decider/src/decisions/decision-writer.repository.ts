import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { lastStatusPerQueue, type CommitPlan, type OutboxRow } from './commit-plan';
import { applyStatusRows } from './queue-status.sql';

const INSERT_OUTAGES = `
  INSERT INTO outages (id, scope, opened_at, reason, evidence)
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::jsonb[])
  ON CONFLICT (id) DO NOTHING`;

const CLOSE_OUTAGES = `
  UPDATE outages o SET closed_at = v.closed_at, evidence = o.evidence || v.evidence
  FROM unnest($1::uuid[], $2::timestamptz[], $3::jsonb[]) AS v(id, closed_at, evidence)
  WHERE o.id = v.id AND o.closed_at IS NULL`;

// The outage join keeps the foreign key safe for an outage the engine carried over from another policy's name.
const INSERT_DECISIONS = `
  INSERT INTO decisions (id, queue_id, action, source, policy_name, policy_version, reason, evidence, enforced, actor,
    outage_id, decided_at)
  SELECT v.id, v.queue_id, v.action, v.source, v.policy_name, v.policy_version, v.reason, v.evidence, v.enforced,
    v.actor, o.id, v.decided_at
  FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::integer[], $7::text[], $8::jsonb[],
    $9::boolean[], $10::text[], $11::uuid[], $12::timestamptz[]) WITH ORDINALITY
    AS v(id, queue_id, action, source, policy_name, policy_version, reason, evidence, enforced, actor, outage_id,
      decided_at, ord)
  LEFT JOIN outages o ON o.id = v.outage_id
  ORDER BY v.ord
  ON CONFLICT (id) DO NOTHING`;

const INSERT_JOURNAL = `
  INSERT INTO decider_journal (jobs_seq, kind, at, override_seq)
  SELECT v.jobs_seq, v.kind, v.at, v.override_seq
  FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::bigint[]) WITH ORDINALITY AS v(jobs_seq, kind, at,
    override_seq, ord)
  ORDER BY v.ord
  RETURNING seq`;

const UPSERT_OFFSET = `
  INSERT INTO decider_offsets (consumer, stream_seq) VALUES ($1, $2)
  ON CONFLICT (consumer) DO UPDATE SET stream_seq = EXCLUDED.stream_seq, updated_at = now()`;

// Rows already there (a replay) are not returned, so they are not published again.
const INSERT_OUTBOX = `
  INSERT INTO decider_outbox (msg_id, subject, message_type, payload)
  SELECT v.msg_id, v.subject, v.message_type, v.payload
  FROM unnest($1::text[], $2::text[], $3::text[], $4::bytea[]) WITH ORDINALITY AS v(msg_id, subject, message_type,
    payload, ord)
  ORDER BY v.ord
  ON CONFLICT (msg_id) DO NOTHING
  RETURNING msg_id`;

const INSERT_ACTUATIONS = `
  INSERT INTO decider_actuations (decision_id, actuator, queue_id, change)
  SELECT v.decision_id, v.actuator, v.queue_id, v.change
  FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[]) WITH ORDINALITY AS v(decision_id, actuator, queue_id,
    change, ord)
  ORDER BY v.ord
  ON CONFLICT (decision_id, actuator) DO NOTHING`;

export interface WriteResult {
  /** Outbox rows that are new (not a replay), in plan order: the ones to publish. */
  readonly fresh: OutboxRow[];
  /** Sequence of the last journal row written, if any. */
  readonly journalSeq?: number;
}

/**
 * The only writer of the decider's effects: one plan (a batch of job events, overrides or a tick) in one
 * transaction — decisions, outages, queue status (the built-in queue-status actuator), journal, the consumer's
 * stream position, the outbox and the external actuations. All set-based; all idempotent. (The engine state
 * itself is written by CheckpointRepository every few seconds.)
 */
@Injectable()
export class DecisionWriterRepository implements OnApplicationShutdown {
  // The worker commits one plan at a time: one connection of its own, no pool round trip per batch.
  private runner: QueryRunner | undefined;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Commits `plan`; `stillAllowed` runs last inside the transaction (it throws when this replica lost the
   * leadership meanwhile, which rolls everything back).
   */
  async commit(plan: CommitPlan, stillAllowed: () => void): Promise<WriteResult> {
    const runner = await this.connection();
    await runner.startTransaction();
    try {
      const result = await this.write(runner.manager, plan);
      stillAllowed();
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      await this.release();
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.release();
  }

  private async connection(): Promise<QueryRunner> {
    if (this.runner === undefined || this.runner.isReleased) {
      const runner = this.dataSource.createQueryRunner('master');
      await runner.connect();
      // Commits do not wait for the WAL flush. Safe here: a commit Postgres loses in a crash also loses its
      // stream position, so the decider re-reads those events and re-derives the same decisions (same ids).
      await runner.query('SET synchronous_commit TO off');
      this.runner = runner;
    }
    return this.runner;
  }

  private async release(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    await runner?.release().catch(() => undefined);
  }

  private async write(m: EntityManager, plan: CommitPlan): Promise<WriteResult> {
    const opened = plan.outagesOpened;
    if (opened.length > 0) {
      await m.query(INSERT_OUTAGES, [
        opened.map((o) => o.id),
        opened.map((o) => o.scope),
        opened.map((o) => o.openedAt),
        opened.map((o) => o.reason),
        opened.map((o) => JSON.stringify(o.evidence)),
      ]);
    }
    const closed = plan.outagesClosed;
    if (closed.length > 0) {
      await m.query(CLOSE_OUTAGES, [
        closed.map((o) => o.id),
        closed.map((o) => o.closedAt),
        closed.map((o) => JSON.stringify(o.evidence)),
      ]);
    }
    const d = plan.decisions;
    if (d.length > 0) {
      await m.query(INSERT_DECISIONS, [
        d.map((r) => r.id),
        d.map((r) => r.queueId),
        d.map((r) => r.action),
        d.map((r) => r.source),
        d.map((r) => r.policyName),
        d.map((r) => r.policyVersion),
        d.map((r) => r.reason),
        d.map((r) => JSON.stringify(r.evidence)),
        d.map((r) => r.enforced),
        d.map((r) => r.actor),
        d.map((r) => r.outageId),
        d.map((r) => r.decidedAt),
      ]);
    }
    await applyStatusRows(m, lastStatusPerQueue(plan.statusChanges));
    let journalSeq: number | undefined;
    const j = plan.journal;
    if (j.length > 0) {
      const rows = await m.query<{ seq: string }[]>(INSERT_JOURNAL, [
        j.map((r) => r.jobsSeq),
        j.map((r) => r.kind),
        j.map((r) => r.at),
        j.map((r) => r.overrideSeq ?? null),
      ]);
      journalSeq = Math.max(...rows.map((r) => Number(r.seq)));
    }
    if (plan.offset !== undefined) {
      await m.query(UPSERT_OFFSET, [plan.offset.consumer, plan.offset.streamSeq]);
    }
    const a = plan.actuations;
    if (a.length > 0) {
      await m.query(INSERT_ACTUATIONS, [
        a.map((r) => r.decisionId),
        a.map((r) => r.actuator),
        a.map((r) => r.change.queueId),
        a.map((r) => JSON.stringify(r.change)),
      ]);
    }
    return { fresh: await this.insertOutbox(m, plan.outbox), journalSeq };
  }

  private async insertOutbox(m: EntityManager, rows: readonly OutboxRow[]): Promise<OutboxRow[]> {
    if (rows.length === 0) {
      return [];
    }
    const inserted = await m.query<{ msg_id: string }[]>(INSERT_OUTBOX, [
      rows.map((r) => r.msgId),
      rows.map((r) => r.subject),
      rows.map((r) => r.messageType),
      rows.map((r) => Buffer.from(r.payload)),
    ]);
    const fresh = new Set(inserted.map((r) => r.msg_id));
    return rows.filter((r) => fresh.has(r.msgId));
  }
}
