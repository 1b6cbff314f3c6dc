import { parseRfc3164 } from './parse-rfc3164.util';
import { parseRfc5424 } from './parse-rfc5424.util';
import { parseSyslogPriority } from './parse-syslog-priority.util';
import type { SyslogParseResult } from './syslog-parse-result.type';

/**
 * A syslog line in either format: RFC 5424 when a digit (VERSION) follows `<PRI>`, RFC 3164 otherwise (with or
 * without `<PRI>`). `receivedAt` gives RFC 3164's missing year.
 */
export function parseSyslogLine(line: string, receivedAt: Date): SyslogParseResult {
  const pri = parseSyslogPriority(line);
  if (typeof pri === 'object') {
    const code = line.charCodeAt(pri.next);
    if (code >= 0x30 && code <= 0x39) {
      return parseRfc5424(line);
    }
  }
  return parseRfc3164(line, receivedAt);
}
