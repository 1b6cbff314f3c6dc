import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_LIFETIME_SECONDS } from '../max-lifetime-seconds.constant';

// Rules run bottom-up and stop at the first failure: the type check is the last decorator.
/** From `afterSeconds` after the test's start, at most `maxRunning` jobs in flight per queue. */
export class SubmissionStepDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: MAX_LIFETIME_SECONDS, example: 600 })
  @IsDefined({ message: 'is required' })
  @Max(MAX_LIFETIME_SECONDS)
  @Min(0)
  @IsInt()
  afterSeconds!: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100000, example: 50 })
  @IsDefined({ message: 'is required' })
  @Max(100000)
  @Min(0)
  @IsInt()
  maxRunning!: number;
}

/** How a submitter feeds each queue; `minQueueDepth ≤ maxRunning` is checked with the template's other rules. */
export class SubmissionProfileDto {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 100000,
    description: 'Jobs kept waiting in each queue; at most maxRunning',
    example: 1,
  })
  @IsDefined({ message: 'is required' })
  @Max(100000)
  @Min(0)
  @IsInt()
  minQueueDepth!: number;

  /** At least 1, except with `steps` (a ramp may start from 0); checked with the template's other rules. */
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 100000,
    description: 'Jobs in flight per queue; at least 1, except with steps',
    example: 2,
  })
  @IsDefined({ message: 'is required' })
  @Max(100000)
  @Min(0)
  @IsInt()
  maxRunning!: number;

  /** Jobs per queue for stress tests; absent: unlimited. */
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 10000000,
    description: 'Jobs per queue of a stress test; absent: no limit',
  })
  @IsOptional()
  @Max(10000000)
  @Min(1)
  @IsInt()
  totalJobs?: number;

  /** Replace jobs that end (default), or submit each queue's first batch only (`maxRunning`, or `totalJobs`). */
  @ApiPropertyOptional({
    default: true,
    description: 'Replace jobs that end, or (false) submit each queue’s first batch only',
  })
  @IsOptional()
  @IsBoolean()
  resubmit?: boolean;

  /** Stress tests: the in-flight limit per queue over time, by ascending `afterSeconds`. */
  @ApiPropertyOptional({
    type: [SubmissionStepDto],
    maxItems: 100,
    description: 'Stress tests: the in-flight limit per queue over time, by ascending afterSeconds',
  })
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(100)
  @IsArray()
  @Type(() => SubmissionStepDto)
  steps?: SubmissionStepDto[];

  /** `step` (default): each step holds until the next; `linear`: the limit ramps between steps. */
  @ApiPropertyOptional({ enum: ['step', 'linear'], enumName: 'SubmissionRamp', default: 'step' })
  @IsOptional()
  @IsIn(['step', 'linear'])
  ramp?: 'step' | 'linear';
}
