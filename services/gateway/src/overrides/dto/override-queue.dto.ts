import { IsDefined, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsIsoDateTime } from '../../common/is-iso-date-time.decorator';
import { OVERRIDE_MODES, type OverrideModeName } from '../override-modes.constant';

// Rules run bottom-up and stop at the first failure (after @IsDefined): the type check is the last decorator.
export class OverrideQueueDto {
  @IsDefined({ message: 'is required' })
  @IsIn(OVERRIDE_MODES)
  mode!: OverrideModeName;

  /** Required to exclude or keep online (it is shown to whoever finds the queue in that state); optional to clear. */
  @ValidateIf((o: OverrideQueueDto) => o.mode !== 'clear' || (o.reason !== undefined && o.reason !== null))
  @IsDefined({ message: 'is required' })
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(500)
  @IsString()
  reason?: string | null;

  /** When the override lapses and the queue goes back to the policy; must be in the future (checked by the service). */
  @IsOptional()
  @IsIsoDateTime()
  expiresAt?: string | null;
}
