import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_PREFIX } from '../common/api-prefix.constant';
import { GATEWAY_CONFIG } from '../gateway-config.provider';
import type { GatewayConfig } from '../gateway.env';
import { AuthConfigDto } from './dto/auth-config.dto';

@ApiTags('auth')
@Controller(`${API_PREFIX}/auth/config`)
export class AuthConfigController {
  private readonly answer: AuthConfigDto;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    const oidc = config.oidc;
    this.answer = {
      anonymousReads: config.anonymousReads,
      oidc:
        oidc && oidc.webClientId !== null
          ? { issuer: oidc.issuer, clientId: oidc.webClientId, scopes: [...oidc.webScopes] }
          : null,
    };
  }

  @Get()
  @ApiOperation({
    summary: 'How to sign in: whether reads need a token, and the web UI’s OIDC client',
    description:
      'Public: no token needed, any token ignored, no rate limit (like `/api/docs`). The settings are ' +
      '`ANVIL_ANONYMOUS_READS`, `ANVIL_OIDC_ISSUER`, `ANVIL_OIDC_WEB_CLIENT_ID` and `ANVIL_OIDC_WEB_SCOPES`.',
    security: [],
  })
  @ApiOkResponse({ type: AuthConfigDto })
  config(): AuthConfigDto {
    return this.answer;
  }
}
