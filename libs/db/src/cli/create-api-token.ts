import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { loadCoreConfig } from '@anvil/config';
import { API_ROLES, isApiRole } from '../api-tokens/api-role';
import { createApiToken } from '../api-tokens/create-api-token';
import { createDataSource, databaseOptions } from '../data-source';

const USAGE = `usage: node libs/db/dist/cli/create-api-token.js --name <name> --role <${API_ROLES.join('|')}> [--expires-at <ISO date-time>] [--created-by <who>]`;

/**
 * Makes an API token in the database named by ANVIL_DATABASE_URL / ANVIL_DB_SCHEMA and prints its plaintext
 * (and nothing else) on stdout, for scripts: `TOKEN=$(node libs/db/dist/cli/create-api-token.js --name ci --role operator)`.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      'expires-at': { type: 'string' },
      'created-by': { type: 'string' },
    },
  });
  const name = values.name?.trim();
  if (!name) {
    throw new Error(`--name is required\n${USAGE}`);
  }
  if (!isApiRole(values.role)) {
    throw new Error(`--role must be one of ${API_ROLES.join(', ')}\n${USAGE}`);
  }
  const expiresAt = values['expires-at'] === undefined ? null : new Date(values['expires-at']);
  if (expiresAt && Number.isNaN(expiresAt.getTime())) {
    throw new Error(`--expires-at must be an ISO 8601 date-time\n${USAGE}`);
  }
  const dataSource = createDataSource({ ...databaseOptions(loadCoreConfig(), 'anvil-create-api-token'), poolSize: 1 });
  await dataSource.initialize();
  try {
    const created = await createApiToken(dataSource.manager, {
      name,
      role: values.role,
      createdBy: values['created-by'] ?? `cli:${osUser()}`,
      expiresAt,
    });
    process.stdout.write(`${created.token}\n`);
  } finally {
    await dataSource.destroy();
  }
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry for the uid (some containers).
    return 'unknown';
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`creating the API token failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
