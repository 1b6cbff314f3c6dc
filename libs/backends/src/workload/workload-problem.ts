/** One thing wrong with a workload spec: the field's path (e.g. `workload.errorRules[1].pattern`) and what. */
export interface WorkloadProblem {
  readonly field: string;
  readonly problem: string;
}

/** A workload spec that cannot be run; the message lists every problem with its field. */
export class WorkloadSpecException extends Error {
  constructor(readonly problems: readonly WorkloadProblem[]) {
    super(`invalid workload: ${problems.map((p) => `${p.field} ${p.problem}`).join('; ')}`);
    this.name = 'WorkloadSpecException';
  }
}
