import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { WorkloadSpec } from '@anvil/backends';
import type { TestKindName } from '@anvil/db';
import { TEST_KINDS } from '../../common/test-kinds.constant';
import { QueueSelectorDto } from './queue-selector.dto';
import { SubmissionProfileDto } from './submission-profile.dto';

// Rules run bottom-up and stop at the first failure (after @IsDefined): the type check is the last decorator.
export class CreateTemplateDto {
  @IsDefined({ message: 'is required' })
  // Names are shown in lists and compared for uniqueness: no invisible leading or trailing blanks.
  @Matches(/^\S(.*\S)?$/, { message: 'must not start or end with white space' })
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  name!: string;

  @IsDefined({ message: 'is required' })
  @IsIn(TEST_KINDS)
  kind!: TestKindName;

  @IsOptional()
  @MaxLength(4000)
  @IsString()
  description?: string;

  /** Checked field by field by `workloadProblems` (libs/backends) with the template's other rules. */
  @IsDefined({ message: 'is required' })
  @IsObject()
  workload!: WorkloadSpec;

  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @IsObject()
  @Type(() => QueueSelectorDto)
  queueSelector!: QueueSelectorDto;

  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @IsObject()
  @Type(() => SubmissionProfileDto)
  submissionProfile!: SubmissionProfileDto;

  @IsDefined({ message: 'is required' })
  @Max(366 * 24 * 3600)
  @Min(1)
  @IsInt()
  lifetimeSeconds!: number;

  /** Default: true for functional templates, false otherwise. */
  @IsOptional()
  @IsBoolean()
  robot?: boolean;

  @IsOptional()
  @IsBoolean()
  golden?: boolean;

  @IsOptional()
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  policy?: string;

  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
