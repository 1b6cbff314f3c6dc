import { ApiProperty } from '@nestjs/swagger';
import { QueueHistoryRowDto } from './queue-history-row.dto';

/** Sites × days: the jobs of every queue matching the filters per UTC day of submission, columns by day. */
export class QueueHistoryMatrixDto {
  @ApiProperty({ description: 'First day, YYYY-MM-DD', example: '2030-01-17' })
  from!: string;

  @ApiProperty({ description: 'Last day (today, UTC), YYYY-MM-DD', example: '2030-01-30' })
  to!: string;

  @ApiProperty({ description: 'The golden filter asked for; null: all jobs', type: Boolean, nullable: true })
  golden!: boolean | null;

  @ApiProperty({ description: "The matrix's days, oldest first; every row's arrays follow this order", type: [String] })
  days!: string[];

  @ApiProperty({ description: 'One row per queue, by site id then queue id', type: [QueueHistoryRowDto] })
  items!: QueueHistoryRowDto[];
}
