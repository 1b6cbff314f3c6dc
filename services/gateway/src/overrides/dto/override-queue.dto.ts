import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsIsoDateTime } from '../../common/is-iso-date-time.decorator';
import { OVERRIDE_MODES, type OverrideModeName } from '../override-modes.constant';

// Rules run bottom-up and stop at the first failure (after @IsDefined): the type check is the last decorator.
export class OverrideQueueDto {
  @ApiProperty({
    description: 'exclude: out of production until cleared; online: kept in production; clear: back to the policy',
    enum: OVERRIDE_MODES,
  })
  @IsDefined({ message: 'is required' })
  @IsIn(OVERRIDE_MODES)
  mode!: OverrideModeName;

  /** Required to exclude or keep online (it is shown to whoever finds the queue in that state); optional to clear. */
  @ApiPropertyOptional({
    description: '1-500 characters, not blank; required for exclude and online, optional for clear',
    type: String,
    nullable: true,
    example: 'SE down, GGUS #12345',
  })
  @ValidateIf((o: OverrideQueueDto) => o.mode !== 'clear' || (o.reason !== undefined && o.reason !== null))
  @IsDefined({ message: 'is required' })
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(500)
  @IsString()
  reason?: string | null;

  /** When the override lapses and the queue goes back to the policy; must be in the future (checked by the service). */
  @ApiPropertyOptional({
    description: 'When the override lapses (ISO-8601 with a zone, or a date); in the future; not with clear',
    type: String,
    format: 'date-time',
    nullable: true,
  })
  @IsOptional()
  @IsIsoDateTime()
  expiresAt?: string | null;
}
