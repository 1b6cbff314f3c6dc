import { ApiProperty } from '@nestjs/swagger';
import { OidcClientConfigDto } from './oidc-client-config.dto';

/** How a client may call the API: whether reads need a token, and the OIDC client of the web UI. */
export class AuthConfigDto {
  @ApiProperty({ description: 'GET requests without a token are answered (as `anonymous`, with the viewer role)' })
  anonymousReads!: boolean;

  @ApiProperty({
    type: OidcClientConfigDto,
    nullable: true,
    description: 'null: OIDC is off, or no web client is configured; sign in with an API token',
  })
  oidc!: OidcClientConfigDto | null;
}
