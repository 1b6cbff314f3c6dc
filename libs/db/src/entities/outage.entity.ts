import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('outages')
export class OutageEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') scope!: string;
  @Column('timestamptz', { name: 'opened_at' }) openedAt!: Date;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt!: Date | null;
  @Column('text') reason!: string;
  @Column('jsonb') evidence!: Record<string, unknown>;
}
