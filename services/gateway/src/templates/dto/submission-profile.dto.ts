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

// Rules run bottom-up and stop at the first failure: the type check is the last decorator.
/** From `afterSeconds` after the test's start, at most `maxRunning` jobs in flight per queue. */
export class SubmissionStepDto {
  @IsDefined({ message: 'is required' })
  @Max(366 * 24 * 3600)
  @Min(0)
  @IsInt()
  afterSeconds!: number;

  @IsDefined({ message: 'is required' })
  @Max(100000)
  @Min(0)
  @IsInt()
  maxRunning!: number;
}

/** How a submitter feeds each queue; `minQueueDepth ≤ maxRunning` is checked with the template's other rules. */
export class SubmissionProfileDto {
  @IsDefined({ message: 'is required' })
  @Max(100000)
  @Min(0)
  @IsInt()
  minQueueDepth!: number;

  /** At least 1, except with `steps` (a ramp may start from 0); checked with the template's other rules. */
  @IsDefined({ message: 'is required' })
  @Max(100000)
  @Min(0)
  @IsInt()
  maxRunning!: number;

  /** Jobs per queue for stress tests; absent: unlimited. */
  @IsOptional()
  @Max(10000000)
  @Min(1)
  @IsInt()
  totalJobs?: number;

  /** Replace jobs that end (default), or submit each queue's first batch only (`maxRunning`, or `totalJobs`). */
  @IsOptional()
  @IsBoolean()
  resubmit?: boolean;

  /** Stress tests: the in-flight limit per queue over time, by ascending `afterSeconds`. */
  @IsOptional()
  @ValidateNested({ each: true })
  @ArrayMaxSize(100)
  @IsArray()
  @Type(() => SubmissionStepDto)
  steps?: SubmissionStepDto[];

  /** `step` (default): each step holds until the next; `linear`: the limit ramps between steps. */
  @IsOptional()
  @IsIn(['step', 'linear'])
  ramp?: 'step' | 'linear';
}
