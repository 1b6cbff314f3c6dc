import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('policies')
export class PolicyEntity {
  @PrimaryColumn('text') name!: string;
  @PrimaryColumn('integer') version!: number;
  @Column('jsonb') document!: Record<string, unknown>;
  @Column('boolean') enforce!: boolean;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
