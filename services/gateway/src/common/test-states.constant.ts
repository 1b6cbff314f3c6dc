import type { TestStateName } from '@anvil/db';

export const TEST_STATES = [
  'scheduled',
  'running',
  'completed',
  'cancelled',
  'error',
] as const satisfies readonly TestStateName[];
