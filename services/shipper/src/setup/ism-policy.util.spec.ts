import { ismPolicyBody, ismPolicyId } from './ism-policy.util';

describe('ismPolicyBody', () => {
  const body = ismPolicyBody('ns1-anvil', 9) as {
    policy: {
      default_state: string;
      states: { name: string; actions: unknown[]; transitions: { state_name: string; conditions?: unknown }[] }[];
      ism_template: { index_patterns: string[]; priority: number }[];
    };
  };

  it('moves an index to a deleting state once its own day and retentionDays more are over, as the sweep does', () => {
    const start = body.policy.states.find((state) => state.name === body.policy.default_state);
    // Made at 00:00 on 03-06 with 9 days: kept through 03-15 (the sweep's oldest kept then), gone on 03-16.
    expect(start?.transitions).toEqual([{ state_name: 'delete', conditions: { min_index_age: '10d' } }]);
    const deleting = body.policy.states.find((state) => state.name === 'delete');
    expect(deleting?.actions).toEqual([{ delete: {} }]);
    expect(deleting?.transitions).toEqual([]);
  });

  it('attaches itself to new indices of the three families of the prefix only', () => {
    expect(body.policy.ism_template).toEqual([
      { index_patterns: ['ns1-anvil-logs-*', 'ns1-anvil-access-*', 'ns1-anvil-decisions-*'], priority: 100 },
    ]);
  });

  it('is named after the prefix', () => {
    expect(ismPolicyId('ns1-anvil')).toBe('ns1-anvil-retention');
  });
});
