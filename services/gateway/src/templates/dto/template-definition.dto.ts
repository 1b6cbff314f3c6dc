import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { WorkloadSpec } from '@anvil/backends';
import type { TestKindName } from '@anvil/db';
import { TEST_KINDS } from '../../common/test-kinds.constant';
import { MAX_LIFETIME_SECONDS } from '../max-lifetime-seconds.constant';
import { QueueSelectorDto } from './queue-selector.dto';
import { SubmissionProfileDto } from './submission-profile.dto';

/**
 * What one version of a template holds: the body of `POST /templates/:id/versions`, and of `POST /templates`
 * with the name. Versions are immutable; a change is a new version.
 */
// Rules run bottom-up and stop at the first failure (after @IsDefined): the type check is the last decorator.
export class TemplateDefinitionDto {
  @ApiProperty({ enum: TEST_KINDS, enumName: 'TestKind', example: 'functional' })
  @IsDefined({ message: 'is required' })
  @IsIn(TEST_KINDS)
  kind!: TestKindName;

  @ApiPropertyOptional({ maxLength: 4000, default: '', example: 'pings the CERN queues' })
  @IsOptional()
  @MaxLength(4000)
  @IsString()
  description?: string;

  /** Checked field by field by `workloadProblems` (libs/backends) with the template's other rules. */
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'What a job runs and how it is judged (docs/workloads.md): `command` or `script`, `image`, `env`, ' +
      '`resources`, `inputs`, `success`, `metrics`, `errorRules`',
    example: { command: '/bin/true', resources: { timeLimitSeconds: 600 } },
  })
  @IsDefined({ message: 'is required' })
  @IsObject()
  workload!: WorkloadSpec;

  @ApiProperty({ type: () => QueueSelectorDto })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @IsObject()
  @Type(() => QueueSelectorDto)
  queueSelector!: QueueSelectorDto;

  @ApiProperty({ type: () => SubmissionProfileDto })
  @IsDefined({ message: 'is required' })
  @ValidateNested()
  @IsObject()
  @Type(() => SubmissionProfileDto)
  submissionProfile!: SubmissionProfileDto;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: MAX_LIFETIME_SECONDS,
    description: 'How long a test of this template runs (the robot adds ±10 % jitter)',
    example: 3600,
  })
  @IsDefined({ message: 'is required' })
  @Max(MAX_LIFETIME_SECONDS)
  @Min(1)
  @IsInt()
  lifetimeSeconds!: number;

  @ApiPropertyOptional({
    description: 'Whether the robot keeps a test of it running; only for `functional`. Default: true for functional',
  })
  @IsOptional()
  @IsBoolean()
  robot?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Whether its results count for exclusion' })
  @IsOptional()
  @IsBoolean()
  golden?: boolean;

  @ApiPropertyOptional({ maxLength: 200, description: 'Name of an exclusion policy (stored, not used yet)' })
  @IsOptional()
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  policy?: string;
}
