import type { ScoreFigures } from '../scoring/score-figures.types';
import { FIGURE_MEANINGS } from './figure-meanings.constant';

export interface TableColumn {
  readonly name: string;
  readonly figures: ScoreFigures;
}

/** A plain-text table: one row per figure, one column per preset, and what the figure means. */
export function scoreTable(title: string, columns: readonly TableColumn[]): string {
  const keys = Object.keys(FIGURE_MEANINGS) as (keyof ScoreFigures)[];
  const labelWidth = Math.max(...keys.map((k) => k.length));
  const widths = columns.map((c) => Math.max(c.name.length, 8));
  const cell = (value: number | null): string => (value === null ? '-' : `${value}`);
  const header = ['figure'.padEnd(labelWidth), ...columns.map((c, i) => c.name.padStart(widths[i])), 'meaning'];
  const rows = keys.map((key) =>
    [
      key.padEnd(labelWidth),
      ...columns.map((c, i) => cell(c.figures[key]).padStart(widths[i])),
      FIGURE_MEANINGS[key],
    ].join('  '),
  );
  return [`== ${title}`, header.join('  '), ...rows].join('\n');
}
