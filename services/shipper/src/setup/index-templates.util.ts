import { familyPattern } from './daily-index.util';
import {
  ACCESS_FIELDS,
  DECISION_DYNAMIC_TEMPLATES,
  DECISION_FIELDS,
  LOG_FIELDS,
  type FieldMapping,
} from './field-mappings.constant';
import type { IndexFamily } from './index-family';

/** Index settings every template shares (from `ShipperConfig`). */
export interface IndexSettings {
  readonly shards: number;
  readonly replicas: number;
  readonly refreshInterval: string;
  readonly translogDurability: 'request' | 'async';
}

/** One composable index template: `PUT _index_template/<name>` with `body`. */
export interface IndexTemplateDefinition {
  readonly name: string;
  readonly family: IndexFamily;
  readonly body: {
    readonly index_patterns: readonly string[];
    readonly priority: number;
    readonly template: {
      readonly settings: Readonly<Record<string, unknown>>;
      readonly mappings: {
        readonly dynamic: false;
        readonly dynamic_templates?: readonly Readonly<Record<string, unknown>>[];
        readonly properties: Readonly<Record<string, FieldMapping>>;
      };
    };
    readonly _meta: Readonly<Record<string, unknown>>;
  };
}

// Higher than a catch-all template an operator may have, so ours wins for our indices.
const TEMPLATE_PRIORITY = 200;

const FIELDS: Readonly<Record<IndexFamily, Readonly<Record<string, FieldMapping>>>> = {
  logs: LOG_FIELDS,
  access: ACCESS_FIELDS,
  decisions: DECISION_FIELDS,
};

/** The index templates of the three families of `prefix` (`<prefix>-logs`, `<prefix>-access`, `<prefix>-decisions`). */
export function indexTemplates(prefix: string, settings: IndexSettings): IndexTemplateDefinition[] {
  return (['logs', 'access', 'decisions'] as const).map((family) => ({
    name: `${prefix}-${family}`,
    family,
    body: {
      index_patterns: [familyPattern(prefix, family)],
      priority: TEMPLATE_PRIORITY,
      template: {
        settings: {
          'index.number_of_shards': settings.shards,
          'index.number_of_replicas': settings.replicas,
          'index.refresh_interval': settings.refreshInterval,
          'index.translog.durability': settings.translogDurability,
        },
        mappings: {
          dynamic: false,
          ...(family === 'decisions' ? { dynamic_templates: DECISION_DYNAMIC_TEMPLATES } : {}),
          properties: FIELDS[family],
        },
      },
      _meta: { managed_by: 'anvil-shipper', family },
    },
  }));
}
