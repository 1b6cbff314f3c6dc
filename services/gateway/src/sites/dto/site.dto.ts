import { ApiProperty } from '@nestjs/swagger';
import { QueueStatusCountsDto } from './queue-status-counts.dto';

/** A site and how many of its queues are online, excluded, offline. */
export class SiteDto {
  @ApiProperty({ description: 'Site id: letters, digits, "_" or "-"', example: 'CERN' })
  id!: string;

  @ApiProperty({ example: 'CERN Geneva' })
  name!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { country: 'CH', tier: '0' },
  })
  labels!: Record<string, string>;

  @ApiProperty({ type: QueueStatusCountsDto })
  queueCounts!: QueueStatusCountsDto;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}
