import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { gatewayConfigProvider } from '../gateway-config.provider';
import { ApiTokenAuthenticator } from './api-token-authenticator.service';
import { ApiTokenLookupRepository } from './api-token-lookup.repository';
import { AuthGuard } from './auth.guard';
import { OidcVerifier } from './oidc-verifier.service';

/** Authentication and roles for every route (a global guard); see AuthGuard. */
@Module({
  providers: [
    gatewayConfigProvider,
    ApiTokenLookupRepository,
    ApiTokenAuthenticator,
    OidcVerifier,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
})
export class AuthModule {}
