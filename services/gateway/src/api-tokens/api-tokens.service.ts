import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApiToken } from '@anvil/db';
import { AuditRepository } from '../audit/audit.repository';
import { ApiTokenCache } from '../auth/api-token-cache';
import type { Identity } from '../auth/identity';
import type { RequestContext } from '../common/request-context';
import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';
import { ApiTokensRepository } from './api-tokens.repository';
import type { ApiTokenDto } from './dto/api-token.dto';
import type { CreateApiTokenDto } from './dto/create-api-token.dto';
import type { CreatedApiTokenDto } from './dto/created-api-token.dto';

/** API tokens: made and revoked by admins, each change with its audit row in the same transaction. */
@Injectable()
export class ApiTokensService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: ApiTokensRepository,
    private readonly audit: AuditRepository,
    private readonly tokenCache: ApiTokenCache,
  ) {}

  async create(
    input: CreateApiTokenDto,
    admin: Identity,
    context: RequestContext,
    now = new Date(),
  ): Promise<CreatedApiTokenDto> {
    const expiresAt = input.expiresAt === undefined ? null : new Date(input.expiresAt);
    if (expiresAt && expiresAt.getTime() <= now.getTime()) {
      throw ApiException.invalidField('expiresAt', 'must be in the future');
    }
    return this.dataSource.transaction(async (manager) => {
      const created = await createApiToken(manager, {
        name: input.name,
        role: input.role,
        createdBy: admin.name,
        expiresAt,
      });
      await this.audit.insert(
        {
          actor: context.actor,
          action: 'api-token.created',
          target: `api-token:${created.id}`,
          details: { name: created.name, role: created.role, expiresAt: created.expiresAt, by: admin.id },
          requestId: context.requestId,
        },
        manager,
      );
      return { ...created, revokedAt: null, lastUsedAt: null };
    });
  }

  list(): Promise<ApiTokenDto[]> {
    return this.tokens.list();
  }

  /**
   * Idempotent: revoking a revoked token changes nothing but is audited again. Refused at once on this replica,
   * within `API_TOKEN_CACHE_MS` on the others.
   */
  async revoke(id: string, admin: Identity, context: RequestContext): Promise<ApiTokenDto> {
    const revoked = await this.dataSource.transaction(async (manager) => {
      const token = await this.tokens.revoke(manager, id);
      if (!token) {
        throw new ApiException(ApiErrorCode.ApiTokenNotFound, `no API token has id ${id}`, [
          { field: 'id', problem: 'names no API token' },
        ]);
      }
      await this.audit.insert(
        {
          actor: context.actor,
          action: 'api-token.revoked',
          target: `api-token:${id}`,
          details: { name: token.name, role: token.role, revokedAt: token.revokedAt, by: admin.id },
          requestId: context.requestId,
        },
        manager,
      );
      return token;
    });
    this.tokenCache.forget(id);
    return revoked;
  }
}
