import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per queue × UTC day of submission × golden-or-not: how many of those jobs are in each state now, and metric sums. */
@Entity('queue_daily_rollups')
export class QueueDailyRollupEntity {
  @PrimaryColumn('text', { name: 'queue_id' }) queueId!: string;
  @PrimaryColumn('date') day!: string;
  @PrimaryColumn('boolean') golden!: boolean;
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
