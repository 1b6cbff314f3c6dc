/** What an operator can ask for a queue: take it out, keep it in, or hand it back to the policy. */
export const OVERRIDE_MODES = ['exclude', 'online', 'clear'] as const;

export type OverrideModeName = (typeof OVERRIDE_MODES)[number];
