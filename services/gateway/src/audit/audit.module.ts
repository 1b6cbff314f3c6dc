import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditInterceptor } from './audit.interceptor';
import { AuditRepository } from './audit.repository';

/** `audit_log` for every write (a global interceptor); AuditRepository for services that audit in their transaction. */
@Global()
@Module({
  providers: [AuditRepository, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditRepository],
})
export class AuditModule {}
