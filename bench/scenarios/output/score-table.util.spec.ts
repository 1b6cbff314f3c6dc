import type { ScoreFigures } from '../scoring/score-figures.types';
import { FIGURE_MEANINGS } from './figure-meanings.constant';
import { scoreTable } from './score-table.util';

describe(scoreTable.name, () => {
  it('prints one row per figure with a column per preset and the meaning', () => {
    const figures = Object.fromEntries(Object.keys(FIGURE_MEANINGS).map((k) => [k, 0])) as unknown as ScoreFigures;
    const table = scoreTable('t', [
      { name: 'a', figures: { ...figures, falseExclusions: 7 } },
      { name: 'b', figures: { ...figures, medianDetectionJobs: null } },
    ]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(2 + Object.keys(FIGURE_MEANINGS).length);
    expect(lines.find((l) => l.startsWith('falseExclusions'))).toMatch(
      /falseExclusions\s+7\s+0\s+exclusions of a queue/,
    );
    expect(lines.find((l) => l.startsWith('medianDetectionJobs'))).toMatch(/\s0\s+-\s/);
  });
});
