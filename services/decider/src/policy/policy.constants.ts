/** Injection token of the `Policy` the decider runs (loaded once from ANVIL_DECIDER_POLICY). */
export const ACTIVE_POLICY = Symbol('ACTIVE_POLICY');
