import { randomUUID } from 'node:crypto';
import type { OpenAPIObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { resolveSchema } from './openapi-document';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const MAX_DEPTH = 6;

function sampleString(schema: SchemaObject): string {
  if (schema.format === 'date-time') {
    return new Date(Date.now() + 3_600_000).toISOString();
  }
  if (schema.format === 'date') {
    return new Date().toISOString().slice(0, 10);
  }
  if (schema.format === 'uuid') {
    return randomUUID();
  }
  return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
}

/**
 * A value of `schema` as a client would plausibly send it (its example or default when it has one, every
 * property set): the start point of the fuzzer's mutations. It need not pass every rule.
 */
export function sampleOf(document: OpenAPIObject, given: SchemaObject | ReferenceObject, depth = 0): Json {
  const schema = resolveSchema(document, given);
  if (schema.example !== undefined) {
    return schema.example as Json;
  }
  if (schema.default !== undefined) {
    return schema.default as Json;
  }
  if (schema.enum && schema.enum.length > 0) {
    return schema.enum[0] as Json;
  }
  if (schema.allOf || schema.oneOf || schema.anyOf) {
    const parts = schema.allOf ?? schema.oneOf ?? schema.anyOf ?? [];
    return parts.length > 0 ? sampleOf(document, parts[0], depth + 1) : {};
  }
  if (schema.type === 'string') {
    return sampleString(schema);
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    return schema.minimum ?? 1;
  }
  if (schema.type === 'boolean') {
    return true;
  }
  if (schema.type === 'array') {
    const items = schema.items;
    return depth >= MAX_DEPTH || !items
      ? []
      : Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sampleOf(document, items, depth + 1));
  }
  if (depth >= MAX_DEPTH) {
    return {};
  }
  const properties = Object.entries(schema.properties ?? {});
  return Object.fromEntries(properties.map(([name, property]) => [name, sampleOf(document, property, depth + 1)]));
}

/** Every place in `value` a mutation can hit: `[]` is the value itself, `['a', 0]` is `value.a[0]`. */
export function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const own = [prefix];
  if (Array.isArray(value)) {
    return [...own, ...value.flatMap((item, i) => pathsOf(item, [...prefix, i]))];
  }
  if (value !== null && typeof value === 'object') {
    return [...own, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
  }
  return own;
}
