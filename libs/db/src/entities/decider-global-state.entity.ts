import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The decider's engine checkpoint (one row): global snapshot and the inputs it includes. */
@Entity('decider_global_state')
export class DeciderGlobalStateEntity {
  @PrimaryColumn('smallint') id!: number;
  @Column('text', { name: 'policy_name' }) policyName!: string;
  @Column('integer', { name: 'policy_version' }) policyVersion!: number;
  @Column('jsonb') snapshot!: Record<string, unknown>;
  /** Bigints, read as strings by pg. */
  @Column('bigint', { name: 'jobs_seq' }) jobsSeq!: string;
  @Column('bigint', { name: 'overrides_seq' }) overridesSeq!: string;
  @Column('bigint', { name: 'journal_seq' }) journalSeq!: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
