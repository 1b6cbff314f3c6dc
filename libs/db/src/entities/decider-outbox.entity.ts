import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event the decider committed; `publishedAt` is set once JetStream acknowledged it. */
@Entity('decider_outbox')
export class DeciderOutboxEntity {
  /** The Nats-Msg-Id (the contract's business key). */
  @PrimaryColumn('text', { name: 'msg_id' }) msgId!: string;
  @Column('bigint') seq!: string;
  /** Un-namespaced subject. */
  @Column('text') subject!: string;
  /** Protobuf type name, e.g. `anvil.v1.QueueDecided`. */
  @Column('text', { name: 'message_type' }) messageType!: string;
  /** The protobuf-encoded message. */
  @Column('bytea') payload!: Buffer;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt!: Date | null;
}
