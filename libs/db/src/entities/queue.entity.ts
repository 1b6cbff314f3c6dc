import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type BackendName = 'sim' | 'local' | 'slurm' | 'panda' | 'kubernetes';
export type QueueStatus = 'online' | 'excluded' | 'offline';
export type DecisionSource = 'policy' | 'manual' | 'guard';

@Entity('queues')
export class QueueEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text', { name: 'site_id' }) siteId!: string;
  @Column('text') name!: string;
  @Column('text') backend!: BackendName;
  @Column('jsonb', { name: 'backend_config' }) backendConfig!: Record<string, unknown>;
  @Column('jsonb') labels!: Record<string, string>;
  @Column('text') status!: QueueStatus;
  @Column('text', { name: 'status_source', nullable: true }) statusSource!: DecisionSource | null;
  @Column('text', { name: 'status_set_by', nullable: true }) statusSetBy!: string | null;
  @Column('timestamptz', { name: 'status_since' }) statusSince!: Date;
  @Column('integer', { name: 'exclusion_count' }) exclusionCount!: number;
  @Column('timestamptz', { name: 'next_eligible_at', nullable: true }) nextEligibleAt!: Date | null;
  @Column('boolean') protected!: boolean;
  @Column('boolean', { name: 'auto_exclusion' }) autoExclusion!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
