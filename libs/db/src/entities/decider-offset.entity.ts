import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Last stream sequence a decider consumer applied, committed with its effects. */
@Entity('decider_offsets')
export class DeciderOffsetEntity {
  @PrimaryColumn('text') consumer!: string;
  /** A bigint: read as a string by pg. */
  @Column('bigint', { name: 'stream_seq' }) streamSeq!: string;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
