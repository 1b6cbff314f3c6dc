import { ApiProperty } from '@nestjs/swagger';

/** How the web UI signs in with OIDC: authorization code with PKCE at `issuer`, as the public client `clientId`. */
export class OidcClientConfigDto {
  @ApiProperty({
    description: 'The issuer; its endpoints are in `<issuer>/.well-known/openid-configuration`',
    example: 'https://sso.example.org/realms/anvil',
  })
  issuer!: string;

  @ApiProperty({ description: 'The web UI’s client id at the issuer', example: 'anvil-web' })
  clientId!: string;

  @ApiProperty({ type: [String], description: 'Scopes to ask for', example: ['openid', 'profile', 'email'] })
  scopes!: string[];
}
