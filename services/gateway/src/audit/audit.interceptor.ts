import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { concatMap, type Observable } from 'rxjs';
import { identityOf } from '../auth/identity-of.util';
import { isOpenPath } from '../auth/is-open-path.util';
import { READ_METHODS } from '../auth/read-methods.constant';
import { auditEntryOf } from './audit-entry-of.util';
import { auditIdentityOf } from './audit-identity.util';
import { AUDITED_IN_TRANSACTION } from './audited-in-transaction.decorator';
import { AuditRepository } from './audit.repository';
import { CURRENT_AUDIT_IDENTITY } from './current-audit-identity.storage';

/**
 * Global interceptor: every write (POST/PUT/PATCH/DELETE) whose handler succeeds gets an `audit_log` row, written
 * after the handler's own transaction committed and before the answer leaves; a write that fails (an exception,
 * so a 4xx/5xx) gets none. Routes marked `@AuditedInTransaction()` write their row with the change instead; their
 * handler runs with the caller in CURRENT_AUDIT_IDENTITY, so those rows carry its stable id as this one's do.
 * If the row cannot be inserted the write stands (it is committed): the answer is still the success, and the
 * error log carries the whole entry.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AuditInterceptor.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditRepository,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') {
      return next.handle();
    }
    const request = context.switchToHttp().getRequest<Request>();
    const inTransaction = this.reflector.getAllAndOverride<boolean | undefined>(AUDITED_IN_TRANSACTION, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (READ_METHODS.has(request.method) || isOpenPath(request.path)) {
      return next.handle();
    }
    if (inTransaction) {
      // The service writes the row; AuditRepository takes the caller's identity from here. Nest binds the handler
      // to the async context `handle()` is called in.
      return CURRENT_AUDIT_IDENTITY.run(auditIdentityOf(identityOf(request)), () => next.handle());
    }
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      concatMap(async (result: unknown) => {
        if (response.statusCode < 200 || response.statusCode > 299) {
          return result;
        }
        const entry = auditEntryOf(request, response, result);
        try {
          await this.audit.insert(entry);
        } catch (error) {
          this.logger.error(`audit row not written for a committed write: ${JSON.stringify(entry)}: ${String(error)}`);
        }
        return result;
      }),
    );
  }
}
