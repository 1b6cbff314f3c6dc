/** Injection token of the validated `SubmitterConfig`. */
export const SUBMITTER_CONFIG = Symbol('SUBMITTER_CONFIG');
