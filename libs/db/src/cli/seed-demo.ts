import { loadCoreConfig } from '@anvil/config';
import { createDataSource, databaseOptions } from '../data-source';
import { DEMO_SEED_DEFAULTS, seedDemo } from '../seed/demo-seed';

/** `npm run up` step: the demo grid (20 sites / 40 queues) and one active functional template. */
async function main(): Promise<void> {
  const dataSource = createDataSource({ ...databaseOptions(loadCoreConfig(), 'anvil-seed'), poolSize: 1 });
  await dataSource.initialize();
  try {
    const result = await seedDemo(dataSource, DEMO_SEED_DEFAULTS);
    process.stdout.write(
      `demo grid: ${result.sites} sites, ${result.queues} queues; template ${DEMO_SEED_DEFAULTS.templateName} ` +
        `(${result.templateId}) ${result.templateCreated ? 'created' : 'already there'}\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seeding failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
