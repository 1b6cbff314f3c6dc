import { ApiProperty } from '@nestjs/swagger';
import { DailyCountersDto } from './daily-counters.dto';

/** One queue's jobs per UTC day of submission, over the last `days` days up to today (UTC). */
export class QueueHistoryDto {
  @ApiProperty({ example: 'CERN-PROD_sim' })
  queueId!: string;

  @ApiProperty({ example: 'CERN' })
  siteId!: string;

  @ApiProperty({ description: 'First day of the window, YYYY-MM-DD', example: '2030-01-01' })
  from!: string;

  @ApiProperty({ description: 'Last day of the window (today, UTC), YYYY-MM-DD', example: '2030-01-30' })
  to!: string;

  @ApiProperty({ description: 'The golden filter asked for; null: all jobs', type: Boolean, nullable: true })
  golden!: boolean | null;

  @ApiProperty({
    description: 'Every day of the window, oldest first; a day without jobs has zeros and a null efficiency',
    type: [DailyCountersDto],
  })
  items!: DailyCountersDto[];
}
