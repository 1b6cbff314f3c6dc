import { ApiProperty } from '@nestjs/swagger';
import { JOB_STATE_NAMES, type JobStateName } from '@anvil/contracts';
import type { ErrorClassName } from '@anvil/db';

const ERROR_CLASSES = ['site', 'central', 'workload', 'unknown'] as const satisfies readonly ErrorClassName[];

/** One job: one submission of a test's workload to one queue. */
export class JobDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  testId!: string;

  @ApiProperty()
  queueId!: string;

  @ApiProperty({ description: 'The backend that ran it: sim, local, slurm, panda, kubernetes' })
  backend!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The backend’s id of the job; null until it has one' })
  backendJobId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The submitter that submitted it' })
  submitterId!: string | null;

  @ApiProperty({ enum: JOB_STATE_NAMES, enumName: 'JobState' })
  state!: JobStateName;

  @ApiProperty({ type: String, format: 'date-time' })
  submittedAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', description: 'Last change of state' })
  updatedAt!: Date;

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

  @ApiProperty({ type: Number, nullable: true })
  wallSeconds!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  cpuSeconds!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Largest resident memory, kB' })
  maxRssKb!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  stageInSeconds!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Events processed, from the workload’s output' })
  events!: number | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Other metrics the workload reported, by name',
  })
  metrics!: Record<string, number>;
}
