import { parseRfc5424Timestamp } from './parse-rfc5424-timestamp.util';
import { parseSyslogPriority } from './parse-syslog-priority.util';
import type { SyslogMessage } from './syslog-message.type';
import type { SyslogParseResult } from './syslog-parse-result.type';
import { trimLineEnd } from './trim-line-end.util';

type StructuredData = Record<string, Record<string, string>>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const NIL = '-';
const BOM = '\uFEFF';

/**
 * An RFC 5424 line: `<PRI>VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP STRUCTURED-DATA [SP MSG]`,
 * `-` for a nil value, SD-PARAM values with `\"`, `\\` and `\]` unescaped (any other backslash kept, as the RFC
 * says). Lenient where it costs nothing (header fields of any length, trailing line feed); one pass, no regex.
 */
export function parseRfc5424(line: string): SyslogParseResult {
  const pri = parseSyslogPriority(line);
  if (pri === undefined) {
    return fail('no <PRI> at the start');
  }
  if (typeof pri === 'string') {
    return fail(pri);
  }
  const reader = new FieldReader(line, pri.next);
  const versionText = reader.field();
  if (versionText === undefined || !/^[1-9]\d?$/.test(versionText)) {
    return fail('VERSION is not a number from 1 to 99');
  }
  const version = Number(versionText);
  const timestampText = reader.field();
  const hostname = reader.field();
  const appName = reader.field();
  const procId = reader.field();
  const msgId = reader.field();
  if (msgId === undefined) {
    return fail('header ends (or has an empty field) before MSGID');
  }
  let timestamp: Date | undefined;
  if (timestampText !== NIL) {
    timestamp = parseRfc5424Timestamp(timestampText ?? '');
    if (timestamp === undefined) {
      return fail(`TIMESTAMP '${(timestampText ?? '').slice(0, 40)}' is not RFC 3339`);
    }
  }
  const sd = parseStructuredData(line, reader.position);
  if (typeof sd === 'string') {
    return fail(sd);
  }
  let message = '';
  if (sd.next < line.length) {
    if (line[sd.next] !== ' ') {
      return fail('no space after STRUCTURED-DATA');
    }
    message = line.slice(line.startsWith(BOM, sd.next + 1) ? sd.next + 2 : sd.next + 1);
  }
  // Filled in place rather than spread: this runs for every access line.
  const value: Mutable<SyslogMessage> = { format: 'rfc5424', priority: pri.priority, version, message: '' };
  if (timestamp !== undefined) {
    value.timestamp = timestamp;
  }
  if (hostname !== NIL) {
    value.hostname = hostname;
  }
  if (appName !== NIL) {
    value.appName = appName;
  }
  if (procId !== NIL) {
    value.procId = procId;
  }
  if (msgId !== NIL) {
    value.msgId = msgId;
  }
  if (sd.data !== undefined) {
    value.structuredData = sd.data;
  }
  value.message = trimLineEnd(message);
  return { ok: true, value };
}

/** Space-separated header fields, from `position`. */
class FieldReader {
  constructor(
    private readonly line: string,
    public position: number,
  ) {}

  /** The next field (non-empty), moving past the space after it; undefined at the end of the line. */
  field(): string | undefined {
    if (this.position >= this.line.length) {
      return undefined;
    }
    const space = this.line.indexOf(' ', this.position);
    const end = space < 0 ? this.line.length : space;
    if (end === this.position) {
      return undefined;
    }
    const value = this.line.slice(this.position, end);
    this.position = space < 0 ? this.line.length : space + 1;
    return value;
  }
}

/** STRUCTURED-DATA at `start`: `-`, or `[SD-ID *(SP PARAM-NAME="PARAM-VALUE")]` one or more times. */
function parseStructuredData(line: string, start: number): { data?: StructuredData; next: number } | string {
  if (line[start] === '-') {
    return { next: start + 1 };
  }
  if (line[start] !== '[') {
    return 'STRUCTURED-DATA is neither - nor [...]';
  }
  // No prototype: an SD-ID or PARAM-NAME of `__proto__` is just a name.
  const data = Object.create(null) as StructuredData;
  let index = start;
  while (line[index] === '[') {
    const idEnd = nameEnd(line, index + 1);
    if (idEnd === index + 1) {
      return 'SD-ID is empty';
    }
    const params = Object.create(null) as Record<string, string>;
    data[line.slice(index + 1, idEnd)] = params;
    index = idEnd;
    while (line[index] === ' ') {
      const nameStart = index + 1;
      const end = nameEnd(line, nameStart);
      if (end === nameStart || line[end] !== '=' || line[end + 1] !== '"') {
        return 'SD-PARAM is not NAME="VALUE"';
      }
      const value = parseParamValue(line, end + 2);
      if (value === undefined) {
        return 'SD-PARAM value has no closing quote';
      }
      params[line.slice(nameStart, end)] = value.text;
      index = value.next;
    }
    if (line[index] !== ']') {
      return 'SD-ELEMENT has no closing ]';
    }
    index += 1;
  }
  return { data, next: index };
}

/** Where an SD-NAME starting at `start` ends: at a space, `=`, `]`, `"` or the end of the line. */
function nameEnd(line: string, start: number): number {
  let index = start;
  while (index < line.length) {
    const char = line[index];
    if (char === ' ' || char === '=' || char === ']' || char === '"') {
      break;
    }
    index += 1;
  }
  return index;
}

/** A PARAM-VALUE from just after its opening quote: the unescaped text and the index after the closing quote. */
function parseParamValue(line: string, start: number): { text: string; next: number } | undefined {
  let text = '';
  let chunkStart = start;
  for (let index = start; index < line.length; index += 1) {
    const char = line[index];
    if (char === '"') {
      return { text: text + line.slice(chunkStart, index), next: index + 1 };
    }
    if (char === '\\') {
      const escaped = line[index + 1];
      if (escaped === '"' || escaped === '\\' || escaped === ']') {
        text += line.slice(chunkStart, index) + escaped;
        index += 1;
        chunkStart = index + 1;
      }
    }
  }
  return undefined;
}

function fail(reason: string): SyslogParseResult {
  return { ok: false, reason: `RFC 5424: ${reason}` };
}
