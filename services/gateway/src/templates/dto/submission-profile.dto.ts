import { IsDefined, IsInt, IsOptional, Max, Min } from 'class-validator';

// Rules run bottom-up and stop at the first failure: the type check is the last decorator.
/** How a submitter feeds each queue; `minQueueDepth ≤ maxRunning` is checked with the template's other rules. */
export class SubmissionProfileDto {
  @IsDefined({ message: 'is required' })
  @Max(100000)
  @Min(0)
  @IsInt()
  minQueueDepth!: number;

  @IsDefined({ message: 'is required' })
  @Max(100000)
  @Min(1)
  @IsInt()
  maxRunning!: number;

  /** Jobs per queue for stress tests; absent: unlimited. */
  @IsOptional()
  @Max(10000000)
  @Min(1)
  @IsInt()
  totalJobs?: number;
}
