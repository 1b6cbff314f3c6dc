import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API tokens for automation (scripts, benchmarks, CI): the gateway stores only the SHA-256 of each token
 * (`token_hash`), so the plaintext is shown once, when the token is made, and never again.
 */
export class ApiTokens1796000000000 implements MigrationInterface {
  name = 'ApiTokens1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
        token_hash text NOT NULL UNIQUE,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS api_tokens`);
  }
}
