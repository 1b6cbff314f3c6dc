import type { TestKindName } from '@anvil/db';

export const TEST_KINDS = ['functional', 'stress', 'benchmark'] as const satisfies readonly TestKindName[];
