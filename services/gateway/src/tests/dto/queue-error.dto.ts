import { ApiProperty, PickType } from '@nestjs/swagger';
import { JobDto } from '../../jobs/dto/job.dto';

/** A queue's latest failed job of a test, with its error (the error fields as `JobDto` has them). */
export class QueueErrorDto extends PickType(JobDto, ['exitCode', 'errorClass', 'errorMessage'] as const) {
  @ApiProperty()
  queueId!: string;

  @ApiProperty({ format: 'uuid' })
  jobId!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'When the job failed (`finishedAt`; its submission time when it has none)',
  })
  at!: string;
}
