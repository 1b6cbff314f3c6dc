import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { API_ROLES, type ApiRole } from '@anvil/db';
import { IsIsoDateTime } from '../../common/is-iso-date-time.decorator';

/** Body of `POST /tokens`. */
// Rules run bottom-up and stop at the first failure (after @IsDefined): the type check is the last decorator.
export class CreateApiTokenDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 100,
    description: 'What the token is for; the actor in the audit log of what it writes',
    example: 'nightly-bench',
  })
  @IsDefined({ message: 'is required' })
  @Matches(/^[^\p{Cc}\s]([^\p{Cc}]*[^\p{Cc}\s])?$/u, {
    message: 'must be printable, without white space at either end',
  })
  @MaxLength(100)
  @IsNotEmpty()
  @IsString()
  name!: string;

  @ApiProperty({ enum: API_ROLES, description: 'viewer < operator < admin', example: 'operator' })
  @IsDefined({ message: 'is required' })
  @IsIn(API_ROLES, { message: `must be one of ${API_ROLES.join(', ')}` })
  role!: ApiRole;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the token stops working; in the future. Omitted: it works until revoked',
    example: '2030-01-01T00:00:00Z',
  })
  @IsOptional()
  @IsIsoDateTime()
  expiresAt?: string;
}
