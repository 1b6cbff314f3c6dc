import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { indexTemplates, type IndexTemplateDefinition } from '../src/setup/index-templates.util';

// OpenSearch Dashboards cannot run here: the saved objects are checked against the shipper's own index templates
// (the code that installs them), so a renamed or retyped field fails this test before it breaks a dashboard.
const SAVED_OBJECTS = join(__dirname, '..', '..', '..', 'infra', 'opensearch', 'anvil-saved-objects.ndjson');
// The saved objects use the default index prefix; docs/services/shipper.md says how to import them for another.
const TEMPLATES = indexTemplates('anvil', {
  shards: 1,
  replicas: 0,
  refreshInterval: '5s',
  translogDurability: 'request',
});

interface SavedObject {
  readonly id: string;
  readonly type: string;
  readonly attributes: Record<string, any>;
  readonly references: readonly { readonly id: string; readonly name: string; readonly type: string }[];
}

type FieldMapping = { type?: string; index?: boolean; doc_values?: boolean };

const NUMERIC = ['long', 'integer', 'short', 'byte', 'double', 'float', 'half_float', 'scaled_float'];
const AGGREGATABLE = [...NUMERIC, 'keyword', 'date', 'ip', 'boolean'];
// Field types each aggregation of the visualizations can use.
const AGG_FIELD_TYPES: Record<string, readonly string[]> = {
  date_histogram: ['date'],
  histogram: NUMERIC,
  terms: AGGREGATABLE,
  significant_terms: AGGREGATABLE,
  percentiles: NUMERIC,
  percentile_ranks: NUMERIC,
  avg: NUMERIC,
  sum: NUMERIC,
  min: [...NUMERIC, 'date'],
  max: [...NUMERIC, 'date'],
  median: NUMERIC,
  cardinality: AGGREGATABLE,
};

function readSavedObjects(): SavedObject[] {
  return readFileSync(SAVED_OBJECTS, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SavedObject);
}

/** Field names a KQL query names (`field : value`), quoted values left out. */
function kqlFields(query: string): string[] {
  const unquoted = query.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return [...unquoted.matchAll(/([A-Za-z0-9_@][A-Za-z0-9_.@]*)\s*:/g)].map((match) => match[1]);
}

/** Every problem of `objects` against `templates`: unresolved references, unknown or unusable fields. */
function savedObjectProblems(objects: readonly SavedObject[], templates: readonly IndexTemplateDefinition[]): string[] {
  const problems: string[] = [];
  const byKey = new Map(objects.map((object) => [`${object.type}:${object.id}`, object]));
  if (byKey.size !== objects.length) {
    problems.push('two objects share a type and id');
  }
  const mappingOf = new Map<string, Readonly<Record<string, FieldMapping>>>();

  for (const object of objects) {
    for (const reference of object.references) {
      if (!byKey.has(`${reference.type}:${reference.id}`)) {
        problems.push(
          `${object.id}: reference ${reference.name} → ${reference.type}:${reference.id} is not in the file`,
        );
      }
    }
    if (object.type === 'index-pattern') {
      const template = templates.find((candidate) => candidate.body.index_patterns.includes(object.attributes.title));
      if (template === undefined) {
        problems.push(`${object.id}: title ${object.attributes.title} is no index template's pattern`);
        continue;
      }
      const properties = template.body.template.mappings.properties as Record<string, FieldMapping>;
      mappingOf.set(object.id, properties);
      if (properties[object.attributes.timeFieldName]?.type !== 'date') {
        problems.push(`${object.id}: time field ${object.attributes.timeFieldName} is not a date in the mapping`);
      }
    }
  }

  for (const object of objects) {
    const refNames = new Set(object.references.map((reference) => reference.name));
    const requireRef = (name: unknown, where: string): void => {
      if (typeof name !== 'string' || !refNames.has(name)) {
        problems.push(`${object.id}: ${where} names reference ${String(name)}, which the object does not have`);
      }
    };
    const source = JSON.parse(object.attributes.kibanaSavedObjectMeta?.searchSourceJSON ?? '{}');
    if (object.type === 'dashboard') {
      for (const panel of JSON.parse(object.attributes.panelsJSON) as { panelRefName?: string }[]) {
        requireRef(panel.panelRefName, 'a panel');
      }
      continue;
    }
    if (object.type !== 'visualization') {
      continue;
    }
    requireRef(source.indexRefName, 'searchSourceJSON');
    const patternRef = object.references.find((reference) => reference.name === source.indexRefName);
    const mapping = patternRef === undefined ? undefined : mappingOf.get(patternRef.id);
    if (mapping === undefined) {
      problems.push(`${object.id}: no index pattern of the file for its search source`);
      continue;
    }
    const searchable = (field: string, where: string): void => {
      const found = mapping[field];
      if (found === undefined || found.index === false) {
        problems.push(`${object.id}: ${where} uses ${field}, not a searchable field of ${patternRef?.id}`);
      }
    };
    for (const field of kqlFields(source.query?.query ?? '')) {
      searchable(field, 'the query');
    }
    for (const [i, filter] of ((source.filter ?? []) as any[]).entries()) {
      requireRef(filter.meta?.indexRefName, `filter ${i}`);
      searchable(filter.meta?.key, `filter ${i}`);
      for (const field of Object.keys(filter.query?.match_phrase ?? {})) {
        searchable(field, `filter ${i}`);
      }
    }
    const visState = JSON.parse(object.attributes.visState) as { aggs: { type: string; params: { field?: string } }[] };
    for (const agg of visState.aggs) {
      const field = agg.params.field;
      if (field === undefined) {
        continue;
      }
      const allowed = AGG_FIELD_TYPES[agg.type];
      const found = mapping[field];
      if (allowed === undefined) {
        problems.push(`${object.id}: aggregation ${agg.type} is not one this test knows`);
      } else if (found?.type === undefined || !allowed.includes(found.type) || found.doc_values === false) {
        problems.push(
          `${object.id}: ${agg.type} on ${field} (${found?.type ?? 'not in the mapping'}) of ${patternRef?.id}`,
        );
      }
    }
  }
  return problems;
}

describe('saved objects of infra/opensearch', () => {
  const objects = readSavedObjects();

  it('hold the three index patterns on @timestamp, the four kinds of visualization and a dashboard of them all', () => {
    const patterns = objects.filter((object) => object.type === 'index-pattern');
    expect(patterns.map((object) => object.attributes.title).sort()).toEqual([
      'anvil-access-*',
      'anvil-decisions-*',
      'anvil-logs-*',
    ]);
    expect(patterns.every((object) => object.attributes.timeFieldName === '@timestamp')).toBe(true);
    const visualizations = objects.filter((object) => object.type === 'visualization');
    const aggTypes = visualizations.flatMap((object) =>
      (JSON.parse(object.attributes.visState) as { aggs: { type: string; params: { field?: string } }[] }).aggs.map(
        (agg) => `${agg.type}:${agg.params.field ?? ''}`,
      ),
    );
    expect(aggTypes).toEqual(
      expect.arrayContaining([
        'terms:http.response.status_code',
        'terms:http.route',
        'percentiles:event.duration',
        'terms:service.name',
        'terms:event.action',
      ]),
    );
    const [dashboard] = objects.filter((object) => object.type === 'dashboard');
    expect(dashboard?.references.map((reference) => reference.id).sort()).toEqual(
      visualizations.map((object) => object.id).sort(),
    );
  });

  it('resolve every reference and use only fields of the index templates, aggregatable where aggregated', () => {
    expect(savedObjectProblems(objects, TEMPLATES)).toEqual([]);
  });

  it('would be caught drifting from the templates (the check itself can fail)', () => {
    const drifted = objects.map((object) => {
      if (object.id === 'anvil-access-latency-percentiles') {
        const visState = JSON.parse(object.attributes.visState);
        visState.aggs[0].params.field = 'http.route';
        return { ...object, attributes: { ...object.attributes, visState: JSON.stringify(visState) } };
      }
      if (object.id === 'anvil-logs-errors-per-service') {
        const source = JSON.parse(object.attributes.kibanaSavedObjectMeta.searchSourceJSON);
        source.query.query = 'log.severity : "error"';
        return {
          ...object,
          attributes: { ...object.attributes, kibanaSavedObjectMeta: { searchSourceJSON: JSON.stringify(source) } },
        };
      }
      if (object.type === 'dashboard') {
        return {
          ...object,
          references: [...object.references, { id: 'gone', name: 'panel_9', type: 'visualization' }],
        };
      }
      return object;
    });
    const problems = savedObjectProblems(drifted, TEMPLATES);
    expect(problems).toEqual([
      'anvil-overview: reference panel_9 → visualization:gone is not in the file',
      'anvil-access-latency-percentiles: percentiles on http.route (keyword) of anvil-access',
      'anvil-logs-errors-per-service: the query uses log.severity, not a searchable field of anvil-logs',
    ]);
  });
});
