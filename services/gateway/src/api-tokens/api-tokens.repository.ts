import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ApiTokenDto } from './dto/api-token.dto';

const COLUMNS = `id, name, role, created_by AS "createdBy", created_at AS "createdAt", expires_at AS "expiresAt",
  revoked_at AS "revokedAt", last_used_at AS "lastUsedAt"`;

@Injectable()
export class ApiTokensRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<ApiTokenDto[]> {
    return this.dataSource.query<ApiTokenDto[]>(`SELECT ${COLUMNS} FROM api_tokens ORDER BY created_at DESC, id`);
  }

  /** Sets revoked_at unless it is set already (the first revocation time stays); null when there is no such token. */
  async revoke(manager: EntityManager, id: string): Promise<ApiTokenDto | null> {
    // TypeORM answers an UPDATE with [returned rows, affected count].
    const [rows] = await manager.query<[ApiTokenDto[], number]>(
      `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    return rows[0] ?? null;
  }
}
