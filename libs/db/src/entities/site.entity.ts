import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity('sites')
export class SiteEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') name!: string;
  @Column('jsonb') labels!: Record<string, string>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
