import { ApiProperty } from '@nestjs/swagger';
import { OUTAGE_STATES, type OutageState } from '../outage-states.constant';

/** One row of `outages`: a mass failure during which the decider froze new exclusions. */
export class OutageDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'What the breaker watched, e.g. global or site:CERN', example: 'site:CERN' })
  scope!: string;

  @ApiProperty({ enum: OUTAGE_STATES })
  state!: OutageState;

  @ApiProperty({ type: String, format: 'date-time' })
  openedAt!: Date;

  @ApiProperty({ description: 'Null while open', type: String, format: 'date-time', nullable: true })
  closedAt!: Date | null;

  @ApiProperty({ example: 'every CERN queue failing' })
  reason!: string;

  @ApiProperty({
    description: 'Failing queues, counts and thresholds (as the decider stored them)',
    type: 'object',
    additionalProperties: true,
  })
  evidence!: Record<string, unknown>;
}
