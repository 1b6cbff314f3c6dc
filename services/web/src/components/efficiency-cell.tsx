import type { ReactNode } from 'react';

export type EfficiencyClass = 'grey' | 'red' | 'yellow' | 'green';

/** grey: no data (null); red: 0; yellow: below 50 %; green otherwise. */
export function efficiencyClass(efficiency: number | null | undefined): EfficiencyClass {
  if (efficiency === null || efficiency === undefined || Number.isNaN(efficiency)) {
    return 'grey';
  }
  if (efficiency <= 0) {
    return 'red';
  }
  return efficiency < 0.5 ? 'yellow' : 'green';
}

export function formatEfficiency(efficiency: number | null | undefined): string {
  if (efficiency === null || efficiency === undefined || Number.isNaN(efficiency)) {
    return '–';
  }
  return `${Math.round(efficiency * 100)}%`;
}

/**
 * A table cell coloured by efficiency (0..1, or null when nothing ran). Shows the percentage unless `children` say
 * otherwise; `title` adds a tooltip (e.g. the counters behind the figure).
 */
export function EfficiencyCell({
  efficiency,
  title,
  children,
  as: Tag = 'td',
}: {
  efficiency: number | null | undefined;
  title?: string;
  children?: ReactNode;
  as?: 'td' | 'span' | 'div';
}) {
  const cls = efficiencyClass(efficiency);
  return (
    <Tag className={`eff eff-${cls}`} data-efficiency={cls} title={title ?? formatEfficiency(efficiency)}>
      {children ?? formatEfficiency(efficiency)}
    </Tag>
  );
}
