import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type TestKindName = 'functional' | 'stress' | 'benchmark';

/** Which queues a template targets: explicit ids, and/or every queue matching all labels (and backend). */
export interface QueueSelector {
  queueIds?: string[];
  labels?: Record<string, string>;
  backend?: string;
}

export interface SubmissionProfileDoc {
  minQueueDepth: number;
  maxRunning: number;
  /** Stress tests: jobs per queue; 0 or absent means unlimited. */
  totalJobs?: number;
}

/** The workload as stored in a template. The `sim` backend ignores the command and uses the queue's model. */
export interface WorkloadDoc {
  command: string;
  env?: Record<string, string>;
  timeLimitSeconds?: number;
}

@Entity('template_versions')
export class TemplateVersionEntity {
  @PrimaryColumn('uuid', { name: 'template_id' }) templateId!: string;
  @PrimaryColumn('integer') version!: number;
  @Column('text') kind!: TestKindName;
  @Column('text') description!: string;
  @Column('jsonb') workload!: WorkloadDoc;
  @Column('jsonb', { name: 'queue_selector' }) queueSelector!: QueueSelector;
  @Column('jsonb', { name: 'submission_profile' }) submissionProfile!: SubmissionProfileDoc;
  @Column('integer', { name: 'lifetime_seconds' }) lifetimeSeconds!: number;
  @Column('boolean') robot!: boolean;
  @Column('boolean') golden!: boolean;
  @Column('text', { nullable: true }) policy!: string | null;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
