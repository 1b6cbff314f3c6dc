import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const CLI = join(__dirname, '..', '..', '..', 'libs', 'db', 'dist', 'cli', 'create-api-token.js');

/** A new API token with `role` in the dataset's schema, made with the CLI operators use. */
export async function createApiToken(
  database: { url: string; schema: string },
  name: string,
  role: 'viewer' | 'operator' | 'admin',
): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [CLI, '--name', name, '--role', role, '--created-by', 'bench'],
    { env: { ...process.env, ANVIL_DATABASE_URL: database.url, ANVIL_DB_SCHEMA: database.schema } },
  );
  return stdout.trim();
}
