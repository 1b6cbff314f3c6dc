/** A job counter: right-aligned, zeros dimmed, thousands separated. */
export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : n.toLocaleString('en-US');
}

export function formatPercent(p: number | null | undefined): string {
  return p === null || p === undefined ? '–' : `${p.toFixed(1)}%`;
}
