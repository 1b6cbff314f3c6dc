import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The decider's own tables. Its engine state is a checkpoint (global row + one row per queue, written every
 * few seconds) plus a journal of the time-based inputs since (ticks, overrides, with the job stream position
 * they came at): a restart restores the checkpoint and replays the job stream and the journal up to the
 * committed position, so it loses nothing and decides the same. Also: the stream position each consumer has
 * committed, an outbox of events committed but not yet published, and the actuations still to apply.
 */
export class DeciderState1795451209803 implements MigrationInterface {
  name = 'DeciderState1795451209803';

  async up(q: QueryRunner): Promise<void> {
    // One row: the checkpoint's global snapshot (open outages, ...), the policy it was taken under, and the
    // inputs it includes: job and override stream positions, last journal entry.
    await q.query(`
      CREATE TABLE decider_global_state (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        policy_name text NOT NULL,
        policy_version integer NOT NULL,
        snapshot jsonb NOT NULL,
        jobs_seq bigint NOT NULL DEFAULT 0,
        overrides_seq bigint NOT NULL DEFAULT 0,
        journal_seq bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The engine's snapshot of one queue: deflate-compressed JSON (tens of kB of evidence per queue compress
    // about twentyfold, and a checkpoint writes every queue that changed).
    await q.query(`
      CREATE TABLE decider_queue_state (
        queue_id text PRIMARY KEY REFERENCES queues(id) ON DELETE CASCADE,
        snapshot bytea NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Engine inputs besides job events since the checkpoint, in order: a tick (at = its clock) or an override
    // (override_seq in ANVIL_DECISIONS, at = its clock), each after the job events up to jobs_seq.
    await q.query(`
      CREATE TABLE decider_journal (
        seq bigserial PRIMARY KEY,
        jobs_seq bigint NOT NULL,
        kind text NOT NULL CHECK (kind IN ('tick', 'override')),
        at bigint NOT NULL,
        override_seq bigint,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'override') = (override_seq IS NOT NULL))
      )`);
    // Last stream sequence applied per durable consumer, committed with the effects: the resume point after a crash.
    await q.query(`
      CREATE TABLE decider_offsets (
        consumer text PRIMARY KEY,
        stream_seq bigint NOT NULL CHECK (stream_seq >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Events in commit order; msg_id is the Nats-Msg-Id, so publishing a row twice stores the event once.
    await q.query(`
      CREATE TABLE decider_outbox (
        msg_id text PRIMARY KEY,
        seq bigserial NOT NULL UNIQUE,
        subject text NOT NULL,
        message_type text NOT NULL,
        payload bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX decider_outbox_unpublished_idx ON decider_outbox (seq) WHERE published_at IS NULL`);
    await q.query(`
      CREATE TABLE decider_actuations (
        decision_id uuid NOT NULL,
        actuator text NOT NULL,
        queue_id text NOT NULL,
        seq bigserial NOT NULL UNIQUE,
        change jsonb NOT NULL,
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'superseded', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz,
        PRIMARY KEY (decision_id, actuator)
      )`);
    await q.query(
      `CREATE INDEX decider_actuations_pending_idx ON decider_actuations (next_attempt_at) WHERE state = 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'decider_actuations',
      'decider_outbox',
      'decider_offsets',
      'decider_journal',
      'decider_queue_state',
      'decider_global_state',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
