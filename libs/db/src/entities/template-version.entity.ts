import type { WorkloadSpec } from '@anvil/backends';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type TestKindName = 'functional' | 'stress' | 'benchmark';

/** Which queues a template targets: explicit ids, and/or every queue matching all labels (and backend). */
export interface QueueSelector {
  queueIds?: string[];
  labels?: Record<string, string>;
  backend?: string;
}

/** A stress test's in-flight limit per queue from `afterSeconds` after the start. */
export interface SubmissionStepDoc {
  afterSeconds: number;
  maxRunning: number;
}

export interface SubmissionProfileDoc {
  minQueueDepth: number;
  maxRunning: number;
  /** Stress tests: jobs per queue; 0 or absent means unlimited. */
  totalJobs?: number;
  /** Replace jobs that end (default true), or submit each queue's first batch only. */
  resubmit?: boolean;
  /** Stress tests: the in-flight limit over time (ascending `afterSeconds`). */
  steps?: SubmissionStepDoc[];
  /** How the limit moves between steps; default `step`. */
  ramp?: 'step' | 'linear';
}

/** The workload as stored in a template (validated by `parseWorkloadSpec`). */
export type WorkloadDoc = WorkloadSpec;

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
