import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('test_queues')
export class TestQueueEntity {
  @PrimaryColumn('uuid', { name: 'test_id' }) testId!: string;
  @PrimaryColumn('text', { name: 'queue_id' }) queueId!: string;
  @Column('jsonb') settings!: Record<string, unknown>;
}
