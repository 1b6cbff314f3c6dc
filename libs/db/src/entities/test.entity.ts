import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { TestKindName } from './template-version.entity';

export type TestStateName = 'scheduled' | 'running' | 'completed' | 'cancelled' | 'error';
export const FINAL_TEST_STATES: readonly TestStateName[] = ['completed', 'cancelled', 'error'];

@Entity('tests')
export class TestEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'template_id' }) templateId!: string;
  @Column('integer', { name: 'template_version' }) templateVersion!: number;
  @Column('text') kind!: TestKindName;
  @Column('boolean') robot!: boolean;
  @Column('text') state!: TestStateName;
  @Column('timestamptz', { name: 'start_at' }) startAt!: Date;
  @Column('timestamptz', { name: 'end_at' }) endAt!: Date;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt!: Date | null;
  @Column('text', { name: 'submitter_id', nullable: true }) submitterId!: string | null;
  /** Bumped on every (re)assignment, so a stale owner can tell it lost the test. Postgres bigint, read as string. */
  @Column('bigint', { name: 'lease_epoch' }) leaseEpoch!: string;
  @Column('uuid', { name: 'predecessor_id', nullable: true }) predecessorId!: string | null;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  /** W3C traceparent of the request that created the test: its later events join that trace. */
  @Column('text', { name: 'trace_parent', nullable: true }) traceParent!: string | null;
  /** Rows of the test in `test_queues`, kept by a trigger on that table: never written directly. */
  @Column({ type: 'integer', name: 'queue_count', insert: false, update: false }) queueCount!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
