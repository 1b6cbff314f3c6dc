import { ApiProperty } from '@nestjs/swagger';

/**
 * One queue's line of the history matrix: each array has one entry per day of the matrix's `days`, in that order
 * (zeros and a null efficiency on a day without jobs).
 */
export class QueueHistoryRowDto {
  @ApiProperty({ example: 'CERN-PROD_sim' })
  queueId!: string;

  @ApiProperty({ example: 'CERN' })
  siteId!: string;

  @ApiProperty({ description: 'Jobs still submitted, per day', type: [Number] })
  submitted!: number[];

  @ApiProperty({ description: 'Jobs running, per day', type: [Number] })
  running!: number[];

  @ApiProperty({ description: 'Jobs completed, per day', type: [Number] })
  completed!: number[];

  @ApiProperty({ description: 'Jobs failed, per day', type: [Number] })
  failed!: number[];

  @ApiProperty({ description: 'Jobs cancelled, per day', type: [Number] })
  cancelled!: number[];

  @ApiProperty({ description: 'Jobs lost, per day', type: [Number] })
  lost!: number[];

  @ApiProperty({ description: 'All jobs, per day', type: [Number] })
  total!: number[];

  @ApiProperty({
    description: 'completed / (completed + failed) per day, four decimals; null when none completed or failed',
    type: 'array',
    items: { type: 'number', nullable: true },
  })
  efficiency!: (number | null)[];
}
