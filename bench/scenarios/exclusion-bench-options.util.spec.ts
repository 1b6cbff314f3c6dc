import { parseExclusionBenchOptions } from './exclusion-bench-options.util';

describe(parseExclusionBenchOptions.name, () => {
  it('defaults to seeds 1-5 over every scenario, writing nothing', () => {
    expect(parseExclusionBenchOptions([])).toEqual({ seed: 1, seeds: 5, write: false, only: [] });
  });

  it('reads every option', () => {
    expect(
      parseExclusionBenchOptions([
        '--write',
        '--seed',
        '7',
        '--seeds',
        '3',
        '--scenario',
        'flaky',
        '--scenario',
        'flapping',
      ]),
    ).toEqual({ seed: 7, seeds: 3, write: true, only: ['flaky', 'flapping'] });
  });

  it('rejects an unknown option or a bad count, naming it', () => {
    expect(() => parseExclusionBenchOptions(['--fast'])).toThrow('unknown option --fast');
    expect(() => parseExclusionBenchOptions(['--seeds', '0'])).toThrow('--seeds must be an integer >= 1');
    expect(() => parseExclusionBenchOptions(['--seed'])).toThrow('--seed needs a value');
  });
});
