import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DecisionSource } from './queue.entity';

export type DecisionAction = 'exclude' | 'recover' | 'override';

@Entity('decisions')
export class DecisionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'queue_id' }) queueId!: string;
  @Column('text') action!: DecisionAction;
  @Column('text') source!: DecisionSource;
  @Column('text', { name: 'policy_name', nullable: true }) policyName!: string | null;
  @Column('integer', { name: 'policy_version', nullable: true }) policyVersion!: number | null;
  @Column('text') reason!: string;
  @Column('jsonb') evidence!: Record<string, unknown>;
  @Column('boolean') enforced!: boolean;
  @Column('text') actor!: string;
  @Column('uuid', { name: 'outage_id', nullable: true }) outageId!: string | null;
  @Column('timestamptz', { name: 'decided_at' }) decidedAt!: Date;
}
