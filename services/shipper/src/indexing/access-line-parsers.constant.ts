import { haproxyAccessDocument } from '../syslog/haproxy-access-document.util';
import { HAPROXY_SOURCE } from '../syslog/syslog.constants';
import type { LineParser } from './line-parser.type';

/**
 * Sources on `anvil.access.<source>` whose lines are not pino JSON and are parsed into documents; lines of any other
 * source (e.g. `gateway`) are indexed as they are.
 */
export const ACCESS_LINE_PARSERS: Readonly<Record<string, LineParser>> = {
  [HAPROXY_SOURCE]: haproxyAccessDocument,
};
