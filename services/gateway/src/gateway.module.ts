import { Module } from '@nestjs/common';
import { BusModule } from '@anvil/bus';
import { DatabaseModule, RedisModule } from '@anvil/db';
import { HealthModule, LoggingModule, MetricsModule } from '@anvil/telemetry';
import { ApiTokensModule } from './api-tokens/api-tokens.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AuthConfigModule } from './auth-config/auth-config.module';
import { DecisionsModule } from './decisions/decisions.module';
import { GatewayConfigModule } from './gateway-config.provider';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { JobsModule } from './jobs/jobs.module';
import { MeModule } from './me/me.module';
import { OutagesModule } from './outages/outages.module';
import { OverridesModule } from './overrides/overrides.module';
import { PoliciesModule } from './policies/policies.module';
import { QueuesModule } from './queues/queues.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { SitesModule } from './sites/sites.module';
import { TemplatesModule } from './templates/templates.module';
import { TestsModule } from './tests/tests.module';

@Module({
  imports: [
    LoggingModule.forRoot('gateway', { accessLog: true }),
    DatabaseModule.forRoot({ applicationName: 'anvil-gateway' }),
    // The ingester's live job counters (a cache: the gateway answers from the rollups without them).
    RedisModule.forRoot(),
    // Commands (test requests and cancels, overrides) go to JetStream; streams are provisioned at start like in
    // every service.
    BusModule.forRoot({ service: 'gateway' }),
    HealthModule,
    MetricsModule,
    GatewayConfigModule,
    // Global guards run in import order: who is calling (AuthModule), then their rate limit (RateLimitModule).
    AuthModule,
    RateLimitModule,
    AuditModule,
    // Idempotency-Key on POST (a global interceptor; after the guards, so keys are per identity).
    IdempotencyModule,
    ApiTokensModule,
    TemplatesModule,
    TestsModule,
    JobsModule,
    QueuesModule,
    OverridesModule,
    DecisionsModule,
    OutagesModule,
    SitesModule,
    PoliciesModule,
    MeModule,
    AuthConfigModule,
  ],
})
export class GatewayModule {}
