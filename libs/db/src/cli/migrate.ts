import { loadCoreConfig } from '@anvil/config';
import { databaseOptions, migrateDatabase } from '../data-source';

/** `npm run migrate`: creates the database/schema if needed and applies pending migrations. */
async function main(): Promise<void> {
  const applied = await migrateDatabase(databaseOptions(loadCoreConfig(), 'anvil-migrate'));
  process.stdout.write(applied.length ? `applied migrations: ${applied.join(', ')}\n` : 'database is up to date\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
