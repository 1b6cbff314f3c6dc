import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiTokenAuthenticator } from './api-token-authenticator.service';
import { ApiTokenCache } from './api-token-cache';
import { ApiTokenLookupRepository } from './api-token-lookup.repository';
import { AuthGuard } from './auth.guard';
import { OidcVerifier } from './oidc-verifier.service';

/** Authentication and roles for every route (a global guard); see AuthGuard. Exports the API token cache. */
@Module({
  providers: [
    ApiTokenLookupRepository,
    { provide: ApiTokenCache, useFactory: () => new ApiTokenCache() },
    ApiTokenAuthenticator,
    OidcVerifier,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [ApiTokenCache],
})
export class AuthModule {}
