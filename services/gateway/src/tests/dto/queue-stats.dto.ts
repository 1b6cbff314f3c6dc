import { ApiProperty } from '@nestjs/swagger';

/** One queue's finished jobs of a test: how long they ran and how fast. */
export class QueueStatsDto {
  @ApiProperty()
  queueId!: string;

  @ApiProperty({ type: 'integer', description: 'Completed jobs with a wall time' })
  completed!: number;

  @ApiProperty({ type: 'integer', description: 'Failed jobs with a wall time' })
  failed!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'Mean wall time of those jobs, in seconds' })
  meanWallSeconds!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'CPU time over wall time of those jobs (0–1 per core); null when no job reported CPU time',
  })
  cpuEfficiency!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Mean of events ÷ wall time over the completed jobs that reported events; null when none did',
  })
  eventsPerSecond!: number | null;
}
