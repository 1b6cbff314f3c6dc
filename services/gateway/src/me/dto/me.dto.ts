import { ApiProperty } from '@nestjs/swagger';
import { CALLER_ROLES, type CallerRole } from '../caller-roles.constant';

/** The caller of `GET /api/v1/me`. */
export class MeDto {
  @ApiProperty({ description: 'Whether the request carried a valid token (an invalid one is a 401)' })
  authenticated!: boolean;

  @ApiProperty({
    enum: CALLER_ROLES,
    enumName: 'CallerRole',
    description:
      '`anonymous` without a token (it may read when `GET /api/v1/auth/config` says `anonymousReads`), else the ' +
      'token’s role',
  })
  role!: CallerRole;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The API token’s name or the OIDC user (`preferred_username`, `email` or `sub`); null when anonymous',
  })
  name!: string | null;
}
