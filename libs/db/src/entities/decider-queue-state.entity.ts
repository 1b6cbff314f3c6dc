import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The decider engine's checkpointed snapshot of one queue, restored on start. */
@Entity('decider_queue_state')
export class DeciderQueueStateEntity {
  @PrimaryColumn('text', { name: 'queue_id' }) queueId!: string;
  /** Deflate-compressed (raw deflate) JSON of the engine's `QueueSnapshot`. */
  @Column('bytea') snapshot!: Buffer;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
