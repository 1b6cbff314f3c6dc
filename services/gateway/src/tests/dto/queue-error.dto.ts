import { ApiProperty } from '@nestjs/swagger';
import type { ErrorClassName } from '@anvil/db';

const ERROR_CLASSES = ['site', 'central', 'workload', 'unknown'] as const satisfies readonly ErrorClassName[];

/** A queue's latest failed job of a test, with its error. */
export class QueueErrorDto {
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

  @ApiProperty({ type: 'integer', nullable: true })
  exitCode!: number | null;

  @ApiProperty({
    enum: ERROR_CLASSES,
    enumName: 'ErrorClass',
    nullable: true,
    description: 'Whose fault a failure is; only `site` (and by policy `unknown`) counts against the queue',
  })
  errorClass!: ErrorClassName | null;

  @ApiProperty({ type: String, nullable: true })
  errorMessage!: string | null;
}
