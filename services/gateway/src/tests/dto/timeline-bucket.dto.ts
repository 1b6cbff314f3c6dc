import { ApiProperty } from '@nestjs/swagger';

/** One bucket of a test's timeline: jobs submitted in it, and jobs that reached each final state in it. */
export class TimelineBucketDto {
  @ApiProperty({ type: String, format: 'date-time', description: 'Start of the bucket (it lasts `bucketSeconds`)' })
  at!: string;

  @ApiProperty({ type: 'integer', description: 'Jobs submitted in the bucket' })
  submitted!: number;

  @ApiProperty({ type: 'integer', description: 'Jobs that completed in the bucket (see `countedBy`)' })
  completed!: number;

  @ApiProperty({ type: 'integer' })
  failed!: number;

  @ApiProperty({ type: 'integer' })
  cancelled!: number;

  @ApiProperty({ type: 'integer' })
  lost!: number;
}
