const TIMESTAMP_KEY = '"@timestamp":"';
const SERVICE_KEY = '"service.name":';
const OPEN_BRACE = 0x7b;
const DASH = 0x2d;
const LETTER_T = 0x54;
const LETTER_Z = 0x5a;
const QUOTE = 0x22;
const ZERO = 0x30;
const NINE = 0x39;
const DIGIT_OFFSETS = [0, 1, 2, 3, 5, 6, 8, 9] as const;

/**
 * Why a service's line cannot go into a bulk body as it is, or undefined when it can. Only a cheap check, no parse:
 * it must start like a JSON object and hold no line break (which would end the document in NDJSON). Whether it is
 * valid JSON that fits the mapping, OpenSearch says (and the line is then indexed raw).
 */
export function pinoLineProblem(line: string): string | undefined {
  if (line.charCodeAt(0) !== OPEN_BRACE) {
    return 'not a JSON object';
  }
  if (line.includes('\n')) {
    return 'a line break inside the line';
  }
  return undefined;
}

/**
 * Where the value of the line's `"@timestamp":"` starts when it is ISO-8601 in UTC (`2026-03-15T10:30:00.123Z`, as
 * the services' loggers write it), so its first 10 characters are the UTC day; -1 when there is none or it has
 * another form. Finds the first such key without parsing: a nested object's `@timestamp` may be taken instead of a
 * missing top-level one, which only affects the index date.
 */
export function utcTimestampAt(line: string): number {
  const key = line.indexOf(TIMESTAMP_KEY);
  if (key < 0) {
    return -1;
  }
  const at = key + TIMESTAMP_KEY.length;
  if (!isIsoDay(line, at) || line.charCodeAt(at + 10) !== LETTER_T) {
    return -1;
  }
  const end = line.indexOf('"', at + 11);
  return end > at + 11 && end < at + 40 && line.charCodeAt(end - 1) === LETTER_Z && line.charCodeAt(end) === QUOTE
    ? at
    : -1;
}

/** Whether the line has a `"@timestamp":"` key at all (in whatever form). */
export function hasTimestampKey(line: string): boolean {
  return line.includes(TIMESTAMP_KEY);
}

/**
 * `line` (starting with `{`) with the fields the shipper adds when the service did not write them: `@timestamp`
 * (`atIso`, the batch's time) and `service.name` (the batch's source). Usually the line itself, unchanged.
 */
export function withShipperFields(line: string, hasTimestamp: boolean, atIso: string, source: string): string {
  let added = '';
  if (!hasTimestamp) {
    added += `"@timestamp":"${atIso}",`;
  }
  if (!line.includes(SERVICE_KEY)) {
    added += `"service.name":${JSON.stringify(source)},`;
  }
  if (added === '') {
    return line;
  }
  const rest = line.slice(1);
  // `{}`: no field follows the added ones, so no comma after them.
  return rest.trimStart().startsWith('}') ? `{${added.slice(0, -1)}${rest}` : `{${added}${rest}`;
}

/** `YYYY-MM-DD` at `at`, with a month 01-12 and a day 01-31 (so it makes a valid daily index name). */
function isIsoDay(line: string, at: number): boolean {
  if (line.charCodeAt(at + 4) !== DASH || line.charCodeAt(at + 7) !== DASH) {
    return false;
  }
  for (const offset of DIGIT_OFFSETS) {
    const code = line.charCodeAt(at + offset);
    if (code < ZERO || code > NINE) {
      return false;
    }
  }
  const month = (line.charCodeAt(at + 5) - ZERO) * 10 + line.charCodeAt(at + 6) - ZERO;
  const day = (line.charCodeAt(at + 8) - ZERO) * 10 + line.charCodeAt(at + 9) - ZERO;
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
