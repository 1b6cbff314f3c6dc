import type { TestState } from '../api/tests.types';

/** A test's state as a coloured pill (`data-state` carries it for tests). */
export function TestStateBadge({ state }: { state: TestState }) {
  return (
    <span className={`badge state-${state}`} data-state={state}>
      {state}
    </span>
  );
}
