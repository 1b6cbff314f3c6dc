import type { Request, Response } from 'express';
import { identityOf } from '../auth/identity-of.util';
import { requestContextOf } from '../common/request-ctx.decorator';
import type { AuditEntry } from '../overrides/audit-entry';
import { auditIdentityOf } from './audit-identity.util';

/**
 * The audit row of a successful write: actor (identity name), action `<METHOD> <route>` (e.g.
 * `DELETE /api/v1/tokens/:id`), target the path, and in details the identity, the path parameters, the status
 * and the id of what the answer describes (a created resource), when it has one.
 */
export function auditEntryOf(request: Request, response: Response, result: unknown): AuditEntry {
  const context = requestContextOf(request);
  const route = (request.route as { path?: unknown } | undefined)?.path;
  const resultId = (result as { id?: unknown } | null | undefined)?.id;
  return {
    actor: context.actor,
    action: `${request.method} ${typeof route === 'string' ? route : request.path}`,
    target: request.path,
    details: {
      identity: auditIdentityOf(identityOf(request)),
      params: { ...request.params },
      status: response.statusCode,
      ...(typeof resultId === 'string' || typeof resultId === 'number' ? { resultId } : {}),
    },
    requestId: context.requestId,
  };
}
