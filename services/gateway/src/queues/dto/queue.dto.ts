import { ApiProperty } from '@nestjs/swagger';
import type { BackendName, DecisionSource, QueueStatus } from '@anvil/db';
import { BACKENDS } from '../../common/backends.constant';
import { DECISION_SOURCES } from '../../common/decision-values.constant';
import { QUEUE_STATUSES } from '../../common/queue-statuses.constant';
import { SiteRefDto } from './site-ref.dto';

/** A queue as the list shows it: identity, status and who set it, labels, flags. */
export class QueueDto {
  @ApiProperty({ description: 'Queue id: 1-128 letters, digits, "_" or "-"', example: 'CERN-PROD_sim' })
  id!: string;

  @ApiProperty({ example: 'CERN simulated queue' })
  name!: string;

  @ApiProperty({ type: SiteRefDto })
  site!: SiteRefDto;

  @ApiProperty({ enum: BACKENDS })
  backend!: BackendName;

  @ApiProperty({ enum: QUEUE_STATUSES })
  status!: QueueStatus;

  @ApiProperty({
    description: 'Who set the status: a policy, an operator, a guard; null when never changed',
    enum: DECISION_SOURCES,
    nullable: true,
  })
  statusSource!: DecisionSource | null;

  @ApiProperty({
    description: 'The operator, or the policy name, that set the status; null when never changed',
    type: String,
    nullable: true,
  })
  statusSetBy!: string | null;

  @ApiProperty({ description: 'When the status was set', type: String, format: 'date-time' })
  statusSince!: Date;

  @ApiProperty({ description: 'How many times the queue has been excluded (drives the re-exclusion backoff)' })
  exclusionCount!: number;

  @ApiProperty({
    description: 'Before this time the policy will not change the status again (minimum exclusion time, backoff)',
    type: String,
    format: 'date-time',
    nullable: true,
  })
  nextEligibleAt!: Date | null;

  @ApiProperty({
    description: 'Free labels (string values), used by template selectors and decision grouping',
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { cloud: 'CH', tier: '0' },
  })
  labels!: Record<string, string>;

  @ApiProperty({ description: 'Never excluded automatically' })
  protected!: boolean;

  @ApiProperty({ description: 'Whether the policy may exclude and recover this queue' })
  autoExclusion!: boolean;
}
