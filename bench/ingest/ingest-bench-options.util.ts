/** Command-line options of `npm run bench -- ingest`. */
export interface IngestBenchOptions {
  /** Job-state events through the real ingester, measured (default 1,000,000). */
  readonly events: number;
  /** Events through the naive consumer (one TypeORM `save()` each), measured the same way; 0 skips it (10,000). */
  readonly naiveEvents: number;
  /** Ingester processes on the one durable consumer (default 1); 0 measures publishing alone. */
  readonly replicas: number;
  /** Events ingested before the measured run, in the same schema, to warm the processes and caches (30,000). */
  readonly warmupEvents: number;
  /** Queues of the seeded grid (default 1,000). */
  readonly queues: number;
  /** Running tests of the seeded grid (default 20). */
  readonly tests: number;
  /** Publishes in flight (sent, stream ack not yet received) at most (default 2,000). */
  readonly window: number;
  /** Events per second to publish at; 0 (default): as fast as JetStream takes them. */
  readonly rate: number;
  /** Seed of the event mix (default 1). */
  readonly seed: number;
}

const DEFAULTS: IngestBenchOptions = {
  events: 1_000_000,
  naiveEvents: 10_000,
  replicas: 1,
  warmupEvents: 30_000,
  queues: 1_000,
  tests: 20,
  window: 2_000,
  rate: 0,
  seed: 1,
};

// option → [field, smallest value]
const COUNTS: Readonly<Record<string, readonly [keyof IngestBenchOptions, number]>> = {
  '--events': ['events', 3],
  '--naive-events': ['naiveEvents', 0],
  '--replicas': ['replicas', 0],
  '--warmup-events': ['warmupEvents', 0],
  '--queues': ['queues', 1],
  '--tests': ['tests', 1],
  '--window': ['window', 1],
  '--rate': ['rate', 0],
  '--seed': ['seed', 0],
};

/** Parses `[--events N] [--naive-events N] [--replicas N] ...`; throws naming a bad option. */
export function parseIngestBenchOptions(args: readonly string[]): IngestBenchOptions {
  const options: Record<keyof IngestBenchOptions, number> = { ...DEFAULTS };
  for (let i = 0; i < args.length; i += 2) {
    const arg = args[i];
    const known = COUNTS[arg];
    if (known === undefined) {
      throw new Error(`unknown option ${arg} (use ${Object.keys(COUNTS).join(', ')}, each followed by a count)`);
    }
    const [field, min] = known;
    const raw = args[i + 1];
    if (raw === undefined) {
      throw new Error(`${arg} needs a value`);
    }
    const n = Number(raw.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min) {
      throw new Error(`${arg} must be an integer >= ${min}`);
    }
    options[field] = n;
  }
  return options;
}
