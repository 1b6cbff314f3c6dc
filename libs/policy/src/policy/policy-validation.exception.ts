/** One problem found in a policy document: `path` is the field, e.g. `exclude.any[1].failureRate.threshold`. */
export interface PolicyProblem {
  readonly path: string;
  readonly message: string;
}

/** A policy document is invalid. The message names the first problem's field; `problems` lists them all. */
export class PolicyValidationError extends Error {
  constructor(readonly problems: readonly PolicyProblem[]) {
    const [first] = problems;
    const head = first === undefined ? 'policy is invalid' : `${first.path} ${first.message}`;
    const more =
      problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    super(head + more);
    this.name = 'PolicyValidationError';
  }
}
