import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per test x queue x hour of submission: how many of those jobs are in each state now, and metric sums. */
@Entity('job_rollups')
export class JobRollupEntity {
  @PrimaryColumn('uuid', { name: 'test_id' }) testId!: string;
  @PrimaryColumn('text', { name: 'queue_id' }) queueId!: string;
  @PrimaryColumn('timestamptz') hour!: Date;
  @Column('integer') submitted!: number;
  @Column('integer') running!: number;
  @Column('integer') completed!: number;
  @Column('integer') failed!: number;
  @Column('integer') cancelled!: number;
  @Column('integer') lost!: number;
  @Column('integer') total!: number;
  @Column('double precision', { name: 'wall_seconds_sum' }) wallSecondsSum!: number;
  @Column('double precision', { name: 'cpu_seconds_sum' }) cpuSecondsSum!: number;
  @Column('bigint', { name: 'events_sum' }) eventsSum!: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
