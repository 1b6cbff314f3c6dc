import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A time-based engine input of the decider since its checkpoint: a tick or an override. */
@Entity('decider_journal')
export class DeciderJournalEntity {
  /** A bigint: read as a string by pg. */
  @PrimaryColumn('bigint') seq!: string;
  /** Job stream position the input came after. */
  @Column('bigint', { name: 'jobs_seq' }) jobsSeq!: string;
  @Column('text') kind!: 'tick' | 'override';
  /** Epoch ms: the clock the input was applied with. */
  @Column('bigint') at!: string;
  @Column('bigint', { name: 'override_seq', nullable: true }) overrideSeq!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
