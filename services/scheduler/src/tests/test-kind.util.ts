import { TestKind } from '@anvil/contracts';
import type { TestKindName } from '@anvil/db';

/** The bus enum of a test kind stored in the database. */
export function testKindMessage(kind: TestKindName): TestKind {
  switch (kind) {
    case 'functional':
      return TestKind.FUNCTIONAL;
    case 'stress':
      return TestKind.STRESS;
    case 'benchmark':
      return TestKind.BENCHMARK;
  }
}
