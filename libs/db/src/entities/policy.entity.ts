import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('policies')
export class PolicyEntity {
  @PrimaryColumn('text') name!: string;
  @PrimaryColumn('integer') version!: number;
  @Column('jsonb') document!: Record<string, unknown>;
  @Column('boolean') enforce!: boolean;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  /** The version operators chose to run; at most one row of the table is active. */
  @Column('boolean') active!: boolean;
  @Column('timestamptz', { name: 'activated_at', nullable: true }) activatedAt!: Date | null;
  @Column('text', { name: 'activated_by', nullable: true }) activatedBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
