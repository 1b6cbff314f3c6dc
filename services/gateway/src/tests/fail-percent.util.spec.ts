import { failPercent } from './fail-percent.util';

describe('failPercent', () => {
  it('is null when no job completed or failed', () => {
    expect(failPercent(0, 0)).toBeNull();
  });
  it('rounds to one decimal when the ratio is periodic', () => {
    expect(failPercent(2, 1)).toBe(33.3);
    expect(failPercent(1, 2)).toBe(66.7);
  });
  it('is 100 when every finished job failed', () => {
    expect(failPercent(0, 4)).toBe(100);
  });
  it('is 0 when every finished job completed', () => {
    expect(failPercent(7, 0)).toBe(0);
  });
  it('rounds half up when the tenths fall on .5', () => {
    // 1 / 16 = 6.25 %
    expect(failPercent(15, 1)).toBe(6.3);
  });
});
