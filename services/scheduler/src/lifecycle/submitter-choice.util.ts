/**
 * The live submitter with the fewest running tests (ties: the smallest id, so the choice is deterministic);
 * `null` when none is alive.
 */
export function pickSubmitter(live: readonly string[], runningBySubmitter: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  let bestLoad = Number.POSITIVE_INFINITY;
  for (const id of live) {
    const load = runningBySubmitter.get(id) ?? 0;
    if (load < bestLoad || (load === bestLoad && best !== null && id < best)) {
      best = id;
      bestLoad = load;
    }
  }
  return best;
}
