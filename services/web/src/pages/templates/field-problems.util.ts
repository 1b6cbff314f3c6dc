import type { ApiErrorDetail } from '../../api/api-error';

/**
 * Sorts each API problem to the form control it belongs to: the control whose name is the longest prefix of the
 * problem's field (`queueSelector.queueIds[2]` → `queueSelector.queueIds`). Problems no control owns are `unplaced`.
 */
export function placeProblems(
  details: readonly ApiErrorDetail[],
  controls: readonly string[],
): { byControl: Map<string, ApiErrorDetail[]>; unplaced: ApiErrorDetail[] } {
  const byControl = new Map<string, ApiErrorDetail[]>();
  const unplaced: ApiErrorDetail[] = [];
  for (const d of details) {
    let best: string | undefined;
    for (const c of controls) {
      const owns = d.field === c || d.field.startsWith(`${c}.`) || d.field.startsWith(`${c}[`);
      if (owns && (best === undefined || c.length > best.length)) {
        best = c;
      }
    }
    if (best === undefined) {
      unplaced.push(d);
    } else {
      byControl.set(best, [...(byControl.get(best) ?? []), d]);
    }
  }
  return { byControl, unplaced };
}
