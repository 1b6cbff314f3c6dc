import { parseIngestBenchOptions } from './ingest-bench-options.util';

describe(parseIngestBenchOptions.name, () => {
  it('defaults to 1,000,000 events, a naive sample of 10,000 and one ingester', () => {
    expect(parseIngestBenchOptions([])).toEqual({
      events: 1_000_000,
      naiveEvents: 10_000,
      replicas: 1,
      warmupEvents: 30_000,
      queues: 1_000,
      tests: 20,
      window: 2_000,
      rate: 0,
      seed: 1,
    });
  });

  it('reads every option, underscores allowed in counts', () => {
    expect(
      parseIngestBenchOptions([
        '--events',
        '100_000',
        '--naive-events',
        '0',
        '--replicas',
        '2',
        '--warmup-events',
        '0',
        '--queues',
        '10',
        '--tests',
        '3',
        '--window',
        '500',
        '--rate',
        '5000',
        '--seed',
        '7',
      ]),
    ).toEqual({
      events: 100_000,
      naiveEvents: 0,
      replicas: 2,
      warmupEvents: 0,
      queues: 10,
      tests: 3,
      window: 500,
      rate: 5_000,
      seed: 7,
    });
  });

  it('rejects an unknown option, a missing value or a bad count, naming it', () => {
    expect(() => parseIngestBenchOptions(['--fast', '1'])).toThrow('unknown option --fast');
    expect(() => parseIngestBenchOptions(['--replicas'])).toThrow('--replicas needs a value');
    expect(() => parseIngestBenchOptions(['--tests', '0'])).toThrow('--tests must be an integer >= 1');
    expect(() => parseIngestBenchOptions(['--events', '1.5'])).toThrow('--events must be an integer >= 3');
  });
});
