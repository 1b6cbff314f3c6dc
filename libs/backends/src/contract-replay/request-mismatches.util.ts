import type { RecordedRequest } from './recorded-exchange';

/** A request as the replay server received it. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string | readonly string[]>>;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The raw body; empty when there is none. */
  readonly bodyText: string;
}

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: Json): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Differences between a recorded value and a received one, each naming its JSON path. */
function valueMismatches(recorded: Json, received: Json, at: string): string[] {
  if (isObject(recorded) && recorded.$any === true) {
    return received === undefined ? [`${at} is missing`] : [];
  }
  if (isObject(recorded) && '$json' in recorded) {
    if (typeof received !== 'string') {
      return [`${at} should be a string holding JSON, got ${show(received)}`];
    }
    let parsed: Json;
    try {
      parsed = JSON.parse(received);
    } catch {
      return [`${at} should hold JSON, got ${show(received)}`];
    }
    return valueMismatches(recorded.$json, parsed, `${at}<json>`);
  }
  if (Array.isArray(recorded)) {
    if (!Array.isArray(received)) {
      return [`${at} should be an array, got ${show(received)}`];
    }
    if (recorded.length !== received.length) {
      return [`${at} should have ${recorded.length} entries, got ${received.length}`];
    }
    return recorded.flatMap((entry, i) => valueMismatches(entry, received[i], `${at}[${i}]`));
  }
  if (isObject(recorded)) {
    if (!isObject(received)) {
      return [`${at} should be an object, got ${show(received)}`];
    }
    return Object.entries(recorded).flatMap(([key, value]) =>
      received[key] === undefined && value !== undefined
        ? [`${at}.${key} is missing`]
        : valueMismatches(value, received[key], `${at}.${key}`),
    );
  }
  return recorded === received ? [] : [`${at} should be ${show(recorded)}, got ${show(received)}`];
}

// A key given once reads as a string, a repeated key as an array: `["1"]` and `"1"` are the same query.
function asList(value: string | readonly string[] | undefined): readonly string[] | undefined {
  return typeof value === 'string' ? [value] : value;
}

function queryMismatches(recorded: RecordedRequest['query'], received: ReceivedRequest['query']): string[] {
  const expected = recorded ?? {};
  const problems: string[] = [];
  for (const key of new Set([...Object.keys(expected), ...Object.keys(received)])) {
    const want = expected[key];
    const got = received[key];
    if (want === undefined) {
      problems.push(`query ${key} was not recorded (got ${show(got)})`);
    } else if (JSON.stringify(asList(want)) !== JSON.stringify(asList(got))) {
      problems.push(`query ${key} should be ${show(want)}, got ${show(got)}`);
    }
  }
  return problems;
}

function bodyMismatches(recorded: Json, received: ReceivedRequest): string[] {
  if (recorded === undefined) {
    return received.bodyText === '' ? [] : [`body should be empty, got ${show(received.bodyText)}`];
  }
  if (typeof recorded === 'string') {
    return recorded === received.bodyText ? [] : [`body should be ${show(recorded)}, got ${show(received.bodyText)}`];
  }
  let parsed: Json;
  try {
    parsed = JSON.parse(received.bodyText);
  } catch {
    return [`body should be JSON, got ${show(received.bodyText)}`];
  }
  return valueMismatches(recorded, parsed, 'body');
}

/** Every way `received` differs from the `recorded` request (empty when it matches). */
export function requestMismatches(recorded: RecordedRequest, received: ReceivedRequest): string[] {
  const problems: string[] = [];
  if (recorded.method !== received.method) {
    problems.push(`method should be ${recorded.method}, got ${received.method}`);
  }
  if (recorded.path !== received.path) {
    problems.push(`path should be ${recorded.path}, got ${received.path}`);
  }
  problems.push(...queryMismatches(recorded.query, received.query));
  for (const [name, value] of Object.entries(recorded.headers ?? {})) {
    const got = received.headers[name.toLowerCase()];
    if (got !== value) {
      problems.push(`header ${name} should be ${show(value)}, got ${show(got)}`);
    }
  }
  problems.push(...bodyMismatches(recorded.body, received));
  return problems;
}
