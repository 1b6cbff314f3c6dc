import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A template's identity; its content lives in `template_versions`. */
@Entity('templates')
export class TemplateEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('integer', { name: 'current_version' }) currentVersion!: number;
  @Column('boolean') active!: boolean;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
