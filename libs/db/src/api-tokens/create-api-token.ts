import type { EntityManager } from 'typeorm';
import type { ApiRole } from './api-role';
import { hashApiToken, mintApiToken } from './api-token-secret';

export interface NewApiToken {
  name: string;
  role: ApiRole;
  createdBy: string;
  expiresAt?: Date | null;
}

export interface CreatedApiToken {
  id: string;
  name: string;
  role: ApiRole;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
  /** The plaintext: returned here once, never stored. */
  token: string;
}

/** Mints a token and stores its hash. `db` is a DataSource's manager or a transaction's. */
export async function createApiToken(db: EntityManager, input: NewApiToken): Promise<CreatedApiToken> {
  const token = mintApiToken();
  const [row] = await db.query<{ id: string; createdAt: Date }[]>(
    `INSERT INTO api_tokens (name, role, token_hash, created_by, expires_at)
     VALUES ($1, $2, $3, $4, $5)
     RETURNING id, created_at AS "createdAt"`,
    [input.name, input.role, hashApiToken(token), input.createdBy, input.expiresAt ?? null],
  );
  return {
    id: row.id,
    name: input.name,
    role: input.role,
    createdBy: input.createdBy,
    createdAt: row.createdAt,
    expiresAt: input.expiresAt ?? null,
    token,
  };
}
