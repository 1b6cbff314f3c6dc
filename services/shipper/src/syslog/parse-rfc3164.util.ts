import { parseSyslogPriority } from './parse-syslog-priority.util';
import type { SyslogParseResult } from './syslog-parse-result.type';
import { trimLineEnd } from './trim-line-end.util';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ZERO = 0x30;
const NINE = 0x39;

/**
 * An RFC 3164 (BSD) line: `[<PRI>]Mmm dd hh:mm:ss [HOST ]TAG[[pid]]: MSG`. The timestamp has no year and no zone:
 * it is read in this process's time zone, in the year (of the one before, this one and the next) that puts it
 * closest to `receivedAt`. HOST is optional (HAProxy leaves it out unless `log-send-hostname`): the first word is
 * the TAG when it ends with `:` or `]`. A line with no TAG after HOST keeps the rest as MSG.
 */
export function parseRfc3164(line: string, receivedAt: Date): SyslogParseResult {
  const pri = parseSyslogPriority(line);
  if (typeof pri === 'string') {
    return fail(pri);
  }
  const stamp = parseTimestamp(line, pri?.next ?? 0, receivedAt);
  if (typeof stamp === 'string') {
    return fail(stamp);
  }
  let index = stamp.next;
  let hostname: string | undefined;
  let first = word(line, index);
  if (first !== '' && !isTag(first)) {
    hostname = first;
    index += first.length + 1;
    first = word(line, index);
  }
  let appName: string | undefined;
  let procId: string | undefined;
  if (first !== '' && isTag(first)) {
    const bracket = first.indexOf('[');
    const nameEnd = bracket >= 0 ? bracket : first.endsWith(':') ? first.length - 1 : first.length;
    appName = first.slice(0, nameEnd) || undefined;
    if (bracket >= 0) {
      const close = first.indexOf(']', bracket);
      procId = close < 0 ? undefined : first.slice(bracket + 1, close) || undefined;
    }
    index += first.length + 1;
  }
  const message = index >= line.length ? '' : line.slice(index);
  return {
    ok: true,
    value: {
      format: 'rfc3164',
      ...(pri === undefined ? {} : { priority: pri.priority }),
      timestamp: stamp.date,
      ...(hostname === undefined ? {} : { hostname }),
      ...(appName === undefined ? {} : { appName }),
      ...(procId === undefined ? {} : { procId }),
      message: trimLineEnd(message),
    },
  };
}

/** `Mmm dd hh:mm:ss` (day space-padded or not, optional fraction of a second) at `start`, and the index after its space. */
function parseTimestamp(line: string, start: number, receivedAt: Date): { date: Date; next: number } | string {
  const month = MONTHS.indexOf(line.slice(start, start + 3).toLowerCase());
  if (month < 0 || line[start + 3] !== ' ') {
    return 'no Mmm dd hh:mm:ss timestamp';
  }
  let index = start + 4;
  if (line[index] === ' ') {
    index += 1;
  }
  let day = digit(line, index);
  index += 1;
  if (isDigitAt(line, index)) {
    day = day * 10 + digit(line, index);
    index += 1;
  }
  if (
    day < 1 ||
    day > DAYS_IN_MONTH[month] ||
    line[index] !== ' ' ||
    line[index + 3] !== ':' ||
    line[index + 6] !== ':'
  ) {
    return 'no Mmm dd hh:mm:ss timestamp';
  }
  const hour = digit(line, index + 1) * 10 + digit(line, index + 2);
  const minute = digit(line, index + 4) * 10 + digit(line, index + 5);
  const second = digit(line, index + 7) * 10 + digit(line, index + 8);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return 'no Mmm dd hh:mm:ss timestamp';
  }
  index += 9;
  let millisecond = 0;
  if (line[index] === '.' && isDigitAt(line, index + 1)) {
    let scale = 100;
    index += 1;
    while (isDigitAt(line, index)) {
      millisecond += digit(line, index) * scale;
      scale /= 10;
      index += 1;
    }
    millisecond = Math.floor(millisecond);
  }
  if (index < line.length && line[index] !== ' ') {
    return 'no space after the timestamp';
  }
  const date = closestYear(receivedAt, month, day, hour, minute, Math.min(second, 59), millisecond);
  return date === undefined ? 'timestamp fits no year near the time received' : { date, next: index + 1 };
}

function closestYear(
  receivedAt: Date,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
): Date | undefined {
  const received = receivedAt.getTime();
  let best: Date | undefined;
  for (const year of [receivedAt.getFullYear() - 1, receivedAt.getFullYear(), receivedAt.getFullYear() + 1]) {
    const candidate = new Date(year, month, day, hour, minute, second, millisecond);
    // Feb 29 of a common year rolls over to March: not that year.
    if (Number.isNaN(candidate.getTime()) || candidate.getDate() !== day) {
      continue;
    }
    if (best === undefined || Math.abs(candidate.getTime() - received) < Math.abs(best.getTime() - received)) {
      best = candidate;
    }
  }
  return best;
}

/** The word at `start`, up to the next space or the end of the line. */
function word(line: string, start: number): string {
  if (start >= line.length) {
    return '';
  }
  const space = line.indexOf(' ', start);
  return line.slice(start, space < 0 ? line.length : space);
}

/** `tag:`, `tag[pid]:` or `tag[pid]`. */
function isTag(text: string): boolean {
  if (text.endsWith(':')) {
    return true;
  }
  return text.endsWith(']') && text.indexOf('[') > 0;
}

function digit(line: string, index: number): number {
  const code = line.charCodeAt(index);
  return code >= ZERO && code <= NINE ? code - ZERO : -100;
}

function isDigitAt(line: string, index: number): boolean {
  const code = line.charCodeAt(index);
  return code >= ZERO && code <= NINE;
}

function fail(reason: string): SyslogParseResult {
  return { ok: false, reason: `RFC 3164: ${reason}` };
}
