import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ApiRole } from '@anvil/db';

export interface StoredApiToken {
  id: string;
  name: string;
  role: ApiRole;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** The reads and the one write authentication does on `api_tokens`. */
@Injectable()
export class ApiTokenLookupRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByHash(tokenHash: string): Promise<StoredApiToken | null> {
    const rows = await this.dataSource.query<StoredApiToken[]>(
      `SELECT id, name, role, expires_at AS "expiresAt", revoked_at AS "revokedAt", last_used_at AS "lastUsedAt"
         FROM api_tokens WHERE token_hash = $1`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async touch(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1`, [id]);
  }
}
