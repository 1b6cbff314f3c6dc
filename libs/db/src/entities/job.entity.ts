import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { JobStateName } from '@anvil/contracts';

export type ErrorClassName = 'site' | 'central' | 'workload' | 'unknown';

/** One job. The table is range-partitioned by `submitted_at` (part of the key); write it with set-based SQL. */
@Entity('jobs')
export class JobEntity {
  @PrimaryColumn('uuid') id!: string;
  @PrimaryColumn('timestamptz', { name: 'submitted_at' }) submittedAt!: Date;
  @Column('uuid', { name: 'test_id' }) testId!: string;
  @Column('text', { name: 'queue_id' }) queueId!: string;
  @Column('text') backend!: string;
  @Column('text', { name: 'backend_job_id' }) backendJobId!: string;
  @Column('text', { name: 'submitter_id' }) submitterId!: string;
  @Column('text') state!: JobStateName;
  /** The state before the last change (null until the first): written by the ingester's upsert, which returns it. */
  @Column('text', { name: 'prev_state', nullable: true }) prevState!: JobStateName | null;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt!: Date | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('integer', { name: 'exit_code', nullable: true }) exitCode!: number | null;
  @Column('text', { name: 'error_class', nullable: true }) errorClass!: ErrorClassName | null;
  @Column('text', { name: 'error_message', nullable: true }) errorMessage!: string | null;
  @Column('double precision', { name: 'wall_seconds', nullable: true }) wallSeconds!: number | null;
  @Column('double precision', { name: 'cpu_seconds', nullable: true }) cpuSeconds!: number | null;
  @Column('bigint', { name: 'max_rss_kb', nullable: true }) maxRssKb!: string | null;
  @Column('double precision', { name: 'stage_in_seconds', nullable: true }) stageInSeconds!: number | null;
  @Column('bigint', { nullable: true }) events!: string | null;
  @Column('jsonb') metrics!: Record<string, number>;
}
