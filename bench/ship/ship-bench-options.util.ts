/** Options of `npm run bench -- ship`. */
export interface ShipBenchOptions {
  /** Log lines offered per second, the whole run long (also while OpenSearch is down). */
  readonly rate: number;
  /** Seconds of load. */
  readonly seconds: number;
  /** Seconds after the start at which OpenSearch is stopped; negative: never. */
  readonly outageAt: number;
  /** Seconds OpenSearch stays stopped. */
  readonly outageSeconds: number;
  /** Lines per published batch (a service's log sink batches the same way). */
  readonly batchLines: number;
  /** Seconds to wait after the load for the last line to be indexed. */
  readonly drainTimeout: number;
}

const DEFAULTS: ShipBenchOptions = {
  rate: 30_000,
  seconds: 180,
  outageAt: 30,
  outageSeconds: 60,
  batchLines: 500,
  drainTimeout: 600,
};

const FLAGS: Record<string, keyof ShipBenchOptions> = {
  '--rate': 'rate',
  '--seconds': 'seconds',
  '--outage-at': 'outageAt',
  '--outage-seconds': 'outageSeconds',
  '--batch-lines': 'batchLines',
  '--drain-timeout': 'drainTimeout',
};

export function parseShipBenchOptions(argv: readonly string[]): ShipBenchOptions {
  const options: Record<keyof ShipBenchOptions, number> = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i += 2) {
    const key = FLAGS[argv[i] ?? ''];
    const value = Number(argv[i + 1]);
    if (key === undefined || !Number.isFinite(value)) {
      throw new Error(
        `usage: npm run bench -- ship ${Object.keys(FLAGS)
          .map((flag) => `[${flag} n]`)
          .join(' ')}`,
      );
    }
    options[key] = value;
  }
  if (options.rate <= 0 || options.seconds <= 0 || options.batchLines <= 0) {
    throw new Error('--rate, --seconds and --batch-lines must be positive');
  }
  return options;
}
