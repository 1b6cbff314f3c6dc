import { expiredIndices } from './expired-indices.util';

describe('expiredIndices', () => {
  const now = new Date('2026-03-15T10:30:00Z');

  it('chooses daily indices older than the retention and keeps the boundary day when retention is 7 days', () => {
    const names = [
      'p-logs-2026.03.15',
      'p-logs-2026.03.08',
      'p-access-2026.03.07',
      'p-decisions-2025.12.31',
      'p-logs-2026.03.16',
    ];
    expect(expiredIndices('p', names, 7, now)).toEqual(['p-access-2026.03.07', 'p-decisions-2025.12.31']);
  });

  it('never chooses an index of another prefix, another family or another shape', () => {
    const names = [
      'q-logs-2020.01.01',
      'xp-logs-2020.01.01',
      'p-other-2020.01.01',
      'p-logs-2020.01.01-restored',
      'p-logs-2020.1.1',
      'p-logs-2020.02.30',
      'p-logs-logs-2020.01.01',
    ];
    expect(expiredIndices('p', names, 1, now)).toEqual([]);
  });

  it('handles prefixes that contain dashes', () => {
    expect(expiredIndices('b_ns-anvil', ['b_ns-anvil-logs-2020.01.01', 'anvil-logs-2020.01.01'], 3, now)).toEqual([
      'b_ns-anvil-logs-2020.01.01',
    ]);
  });
});
