/** ±10%: renewals of templates with the same lifetime drift apart instead of all landing on the same tick. */
export const ROBOT_LIFETIME_JITTER = 0.1;

/**
 * A robot test's lifetime in ms: the template's lifetime with a uniform jitter in [-10%, +10%].
 * `random` returns a number in [0, 1) (Math.random by default; injectable for tests).
 */
export function jitteredLifetimeMs(lifetimeSeconds: number, random: () => number = Math.random): number {
  const baseMs = lifetimeSeconds * 1000;
  const factor = 1 + ROBOT_LIFETIME_JITTER * (2 * random() - 1);
  return Math.max(1, Math.round(baseMs * factor));
}
