const DEFAULT_SEEDS = 5;

/** Command-line options of `npm run bench -- exclusion`. */
export interface ExclusionBenchOptions {
  /** Seed of the first run (default 1). */
  readonly seed: number;
  /** How many consecutive seeds to run and pool (default 5: one seed can be lucky for a policy). */
  readonly seeds: number;
  /** Also write each scenario's trace and ground truth (first seed) as files. */
  readonly write: boolean;
  /** Only these scenarios (default: all). */
  readonly only: readonly string[];
}

/** Parses `[--write] [--seed N] [--seeds N] [--scenario NAME]...`; throws naming a bad option. */
export function parseExclusionBenchOptions(args: readonly string[]): ExclusionBenchOptions {
  let seed = 1;
  let seeds = DEFAULT_SEEDS;
  let write = false;
  const only: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (): string => {
      const next = args[++i];
      if (next === undefined) {
        throw new Error(`${arg} needs a value`);
      }
      return next;
    };
    const count = (name: string, min: number): number => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < min) {
        throw new Error(`${name} must be an integer >= ${min}`);
      }
      return n;
    };
    switch (arg) {
      case '--write':
        write = true;
        break;
      case '--seed':
        seed = count('--seed', 0);
        break;
      case '--seeds':
        seeds = count('--seeds', 1);
        break;
      case '--scenario':
        only.push(value());
        break;
      default:
        throw new Error(`unknown option ${arg} (use --write, --seed N, --seeds N, --scenario NAME)`);
    }
  }
  return { seed, seeds, write, only };
}
