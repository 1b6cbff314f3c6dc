import { efficiency } from './efficiency.util';

describe('efficiency', () => {
  it('is null when no job completed or failed', () => {
    expect(efficiency(0, 0)).toBeNull();
  });
  it('is 1 when every finished job completed and 0 when every one failed', () => {
    expect(efficiency(12, 0)).toBe(1);
    expect(efficiency(0, 3)).toBe(0);
  });
  it('rounds to four decimals when the ratio is periodic', () => {
    expect(efficiency(2, 1)).toBe(0.6667);
    expect(efficiency(1, 2)).toBe(0.3333);
  });
});
