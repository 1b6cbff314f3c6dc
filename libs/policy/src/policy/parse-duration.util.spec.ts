import { parseDuration } from './parse-duration.util';

describe(parseDuration.name, () => {
  it('reads unit strings and their combinations when given text', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('4h')).toBe(14_400_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('0')).toBe(0);
  });

  it('takes a number as milliseconds when given a number', () => {
    expect(parseDuration(60_000)).toBe(60_000);
  });

  it('returns undefined when the value is not a duration', () => {
    for (const bad of ['', '30', '4 hours', '-1h', 'h', -5, Number.NaN, Number.POSITIVE_INFINITY, null, {}]) {
      expect(parseDuration(bad)).toBeUndefined();
    }
  });
});
