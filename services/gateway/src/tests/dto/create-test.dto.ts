import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsAfter } from '../../common/is-after.decorator';
import { IsIsoDateTime } from '../../common/is-iso-date-time.decorator';
import { MAX_LIFETIME_SECONDS } from '../../templates/max-lifetime-seconds.constant';

const MAX_VERSION = 2_147_483_647;

/**
 * Body of `POST /tests`: a stress or benchmark test from a template version. The window is checked against the
 * clock and the template's lifetime by `testWindow`.
 */
// Rules run bottom-up and stop at the first failure (after @IsDefined): the type check is the last decorator.
export class CreateTestDto {
  @ApiProperty({ format: 'uuid', description: 'An active stress or benchmark template' })
  @IsDefined({ message: 'is required' })
  @IsUUID('all', { message: 'must be a UUID' })
  templateId!: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    description: 'The template version the test pins; default: the current one',
  })
  @IsOptional()
  @Max(MAX_VERSION)
  @Min(1)
  @IsInt()
  version?: number;

  @ApiPropertyOptional({
    description: 'When the test starts (ISO-8601 with a zone); default: now. May be in the past if the end is not',
    example: '2030-01-01T12:00:00Z',
  })
  @IsOptional()
  @IsIsoDateTime()
  startAt?: string;

  @ApiPropertyOptional({
    description:
      'When it ends: later than startAt and than now, at most 366 days after startAt. Not with durationSeconds',
    example: '2030-01-01T14:00:00Z',
  })
  @IsOptional()
  @IsAfter('startAt')
  @IsIsoDateTime()
  endAt?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_LIFETIME_SECONDS,
    description: 'How long it runs from startAt; default (without endAt): the template version’s lifetime',
    example: 7200,
  })
  @IsOptional()
  @Max(MAX_LIFETIME_SECONDS)
  @Min(1)
  @IsInt()
  durationSeconds?: number;
}
