import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Every write through the API: who, what, when. */
@Entity('audit_log')
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('text') actor!: string;
  @Column('text') action!: string;
  @Column('text') target!: string;
  @Column('jsonb') details!: Record<string, unknown>;
  @Column('text', { name: 'request_id', nullable: true }) requestId!: string | null;
  @Column('timestamptz', { default: () => 'now()' }) at!: Date;
}
