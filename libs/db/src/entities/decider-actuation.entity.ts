import { Column, Entity, PrimaryColumn } from 'typeorm';

export type DeciderActuationState = 'pending' | 'done' | 'superseded' | 'failed';

/** One enforced status change still to be applied (or applied) by an external actuator (webhook, Slurm). */
@Entity('decider_actuations')
export class DeciderActuationEntity {
  @PrimaryColumn('uuid', { name: 'decision_id' }) decisionId!: string;
  @PrimaryColumn('text') actuator!: string;
  @Column('text', { name: 'queue_id' }) queueId!: string;
  @Column('bigint') seq!: string;
  @Column('jsonb') change!: Record<string, unknown>;
  @Column('text') state!: DeciderActuationState;
  @Column('integer') attempts!: number;
  @Column('timestamptz', { name: 'next_attempt_at' }) nextAttemptAt!: Date;
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'done_at', nullable: true }) doneAt!: Date | null;
}
