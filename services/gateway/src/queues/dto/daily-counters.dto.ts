import { ApiProperty } from '@nestjs/swagger';
import { JobStateCountsDto } from '../../tests/dto/job-state-counts.dto';

/** A queue's jobs submitted on one UTC day, by their current state, from `queue_daily_rollups`. */
export class DailyCountersDto extends JobStateCountsDto {
  @ApiProperty({ description: 'The UTC day, YYYY-MM-DD', example: '2030-01-01' })
  day!: string;

  @ApiProperty({
    description: 'completed / (completed + failed), four decimals; null when none completed or failed',
    type: Number,
    nullable: true,
    example: 0.9523,
  })
  efficiency!: number | null;
}
