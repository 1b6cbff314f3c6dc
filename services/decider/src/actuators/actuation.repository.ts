import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { QueueStatusChange } from './queue-actuator';

export interface DueActuation {
  readonly decisionId: string;
  readonly actuator: string;
  readonly attempts: number;
  readonly change: QueueStatusChange;
}

// Only the newest change per actuator and queue matters (each sets an absolute status): older pending ones are
// superseded, so a late retry can never put back a status a newer decision replaced.
const SUPERSEDE = `
  UPDATE decider_actuations a SET state = 'superseded', done_at = now()
  WHERE a.state = 'pending' AND EXISTS (
    SELECT 1 FROM decider_actuations b
    WHERE b.actuator = a.actuator AND b.queue_id = a.queue_id AND b.seq > a.seq)`;

/** `decider_actuations`: enforced changes for the external actuators (webhook, Slurm), with their retries. */
@Injectable()
export class ActuationRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Supersedes stale changes, then returns the due ones, oldest first. */
  async due(limit: number): Promise<DueActuation[]> {
    await this.dataSource.query(SUPERSEDE);
    const rows = await this.dataSource.query<
      { decision_id: string; actuator: string; attempts: number; change: QueueStatusChange }[]
    >(
      `SELECT decision_id, actuator, attempts, change FROM decider_actuations
       WHERE state = 'pending' AND next_attempt_at <= now() ORDER BY seq LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      decisionId: r.decision_id,
      actuator: r.actuator,
      attempts: r.attempts,
      change: r.change,
    }));
  }

  async done(a: DueActuation): Promise<void> {
    await this.dataSource.query(
      `UPDATE decider_actuations SET state = 'done', attempts = attempts + 1, done_at = now(), last_error = NULL
       WHERE decision_id = $1 AND actuator = $2 AND state = 'pending'`,
      [a.decisionId, a.actuator],
    );
  }

  /** Records a failed attempt: retried after `delayMs`, or given up (`failed`) when `giveUp`. */
  async failed(a: DueActuation, error: string, delayMs: number, giveUp: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE decider_actuations SET attempts = attempts + 1, last_error = $3,
         next_attempt_at = now() + make_interval(secs => $4),
         state = CASE WHEN $5 THEN 'failed' ELSE state END, done_at = CASE WHEN $5 THEN now() ELSE done_at END
       WHERE decision_id = $1 AND actuator = $2 AND state = 'pending'`,
      [a.decisionId, a.actuator, error.slice(0, 2000), delayMs / 1000, giveUp],
    );
  }
}
