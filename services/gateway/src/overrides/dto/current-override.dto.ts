import { ApiProperty } from '@nestjs/swagger';
import type { QueueStatus } from '@anvil/db';
import { QUEUE_STATUSES } from '../../common/queue-statuses.constant';

/** A queue whose status an operator set (its `statusSource` is `manual`), and the override that did it. */
export class CurrentOverrideDto {
  @ApiProperty({ example: 'CERN-PROD_sim' })
  queueId!: string;

  @ApiProperty({ example: 'CERN' })
  siteId!: string;

  @ApiProperty({ description: 'The status the override holds', enum: QUEUE_STATUSES })
  status!: QueueStatus;

  @ApiProperty({
    description: 'exclude or online, from the override decision; null when no override decision is recorded',
    enum: ['exclude', 'online'],
    nullable: true,
  })
  mode!: 'exclude' | 'online' | null;

  @ApiProperty({ description: 'Why, as the operator said it; null without a decision', type: String, nullable: true })
  reason!: string | null;

  @ApiProperty({ description: 'The operator who set it', type: String, nullable: true })
  setBy!: string | null;

  @ApiProperty({ description: 'Since when', type: String, format: 'date-time' })
  since!: Date;

  @ApiProperty({
    description: 'When the decider clears it by itself; null: until an operator clears it',
    type: String,
    format: 'date-time',
    nullable: true,
  })
  expiresAt!: string | null;

  @ApiProperty({ description: 'The override decision', type: String, format: 'uuid', nullable: true })
  decisionId!: string | null;
}
