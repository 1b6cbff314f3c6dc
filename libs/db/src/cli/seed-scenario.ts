// `npm run up` with ANVIL_SIM_SCENARIO set: seeds the grid and golden templates of a sim scenario.
// Usage: node libs/db/dist/cli/seed-scenario.js <catalogue name | scenario file> [--seed N] [--time-scale X]
import { loadScenario } from '@anvil/backends';
import { loadCoreConfig } from '@anvil/config';
import { createDataSource, databaseOptions } from '../data-source';
import { SCENARIO_SEED_DEFAULTS, seedScenario } from '../seed/scenario-seed';

interface Arguments {
  scenario: string;
  seed: number;
  timeScale: number;
}

function parseArguments(args: readonly string[]): Arguments {
  const parsed: Arguments = { scenario: '', seed: 42, timeScale: 60 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const number = (name: string, check: (n: number) => boolean): number => {
      const n = Number(args[++i]);
      if (!check(n)) {
        throw new Error(`${name} needs a valid number, got ${JSON.stringify(args[i])}`);
      }
      return n;
    };
    if (arg === '--seed') {
      parsed.seed = number('--seed', Number.isInteger);
    } else if (arg === '--time-scale') {
      parsed.timeScale = number('--time-scale', (n) => Number.isFinite(n) && n > 0);
    } else if (parsed.scenario === '' && !arg.startsWith('--')) {
      parsed.scenario = arg;
    } else {
      throw new Error(`unexpected argument ${arg} (usage: <scenario> [--seed N] [--time-scale X])`);
    }
  }
  if (parsed.scenario === '') {
    throw new Error('name a catalogue scenario or a scenario file');
  }
  return parsed;
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const description = loadScenario(args.scenario);
  const dataSource = createDataSource({ ...databaseOptions(loadCoreConfig(), 'anvil-seed'), poolSize: 1 });
  await dataSource.initialize();
  try {
    const result = await seedScenario(dataSource, description, {
      ...SCENARIO_SEED_DEFAULTS,
      seed: args.seed,
      timeScale: args.timeScale,
    });
    const templates = result.templates.map((t) => `${t.name} ${t.created ? 'created' : 'already there'}`);
    process.stdout.write(
      `sim scenario ${result.scenario}: ${result.sites} sites, ${result.queues} queues; templates ${templates.join(', ')}\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seeding the scenario failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
