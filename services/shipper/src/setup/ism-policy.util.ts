import { familyPattern } from './daily-index.util';
import { INDEX_FAMILIES } from './index-family';

/** The id of the shipper's ISM policy: `<prefix>-retention`. */
export function ismPolicyId(prefix: string): string {
  return `${prefix}-retention`;
}

/**
 * The ISM policy (`PUT _plugins/_ism/policies/<id>`) deleting the daily indices of `prefix` once they are
 * `retentionDays` days old. Its ISM template attaches it to every new index of the three families.
 * ISM counts age from the index's creation, which for a daily index is (about) the start of the day it is named
 * after: the index is kept that day and `retentionDays` whole days more, as the shipper's own sweep keeps it.
 */
export function ismPolicyBody(prefix: string, retentionDays: number): Record<string, unknown> {
  return {
    policy: {
      description: `Anvil shipper: delete ${prefix} log, access and decision indices after ${retentionDays} days`,
      default_state: 'hot',
      states: [
        {
          name: 'hot',
          actions: [],
          transitions: [{ state_name: 'delete', conditions: { min_index_age: `${retentionDays + 1}d` } }],
        },
        { name: 'delete', actions: [{ delete: {} }], transitions: [] },
      ],
      ism_template: [{ index_patterns: INDEX_FAMILIES.map((family) => familyPattern(prefix, family)), priority: 100 }],
    },
  };
}
