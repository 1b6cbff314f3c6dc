import { isIP } from 'node:net';
import { rawLineDocument } from '../raw-line-document.util';
import { parseSyslogLine } from './parse-syslog-line.util';
import { HAPROXY_SOURCE } from './syslog.constants';
import type { SyslogMessage } from './syslog-message.type';
import { syslogPriorityNames } from './syslog-priority-names.util';

type Document = Record<string, unknown>;

const ACCESS_DATASET = 'haproxy.access';
/** HAProxy's own messages on the same channel (`Server gateways/gateway-b is DOWN, ...`, `Proxy api started.`). */
const EVENT_DATASET = 'haproxy.log';
const NANOSECONDS_PER_MILLISECOND = 1_000_000;

/**
 * The OpenSearch document of one line HAProxy sent over syslog (`haproxy/haproxy.cfg`: RFC 5424 frame, JSON
 * `log-format` message), with ECS-style flat keys; `@timestamp` is the syslog timestamp, else `receivedAt`.
 * HAProxy's own messages (not JSON) become `event.dataset: haproxy.log` documents. A line that is not syslog, or
 * whose message starts like JSON but is not (e.g. cut at HAProxy's `len`), becomes the flagged raw-line document.
 * Never throws; one pass over the frame and one `JSON.parse`.
 */
export function haproxyAccessDocument(line: string, receivedAt: Date): Document {
  const received = Number.isNaN(receivedAt.getTime()) ? new Date() : receivedAt;
  const parsed = parseSyslogLine(line, received);
  if (!parsed.ok) {
    return flagged(line, received, parsed.reason);
  }
  const syslog = parsed.value;
  const at = syslog.timestamp ?? received;
  const text = syslog.message;
  if (text[0] !== '{') {
    const document: Document = {
      '@timestamp': at.toISOString(),
      'service.name': HAPROXY_SOURCE,
      'event.dataset': EVENT_DATASET,
      message: text,
    };
    addSyslogFields(document, syslog);
    return document;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return flagged(line, at, `access line is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  // JSON text starting with `{` is an object. One object filled in place: spreading is several times slower.
  const document: Document = { '@timestamp': at.toISOString() };
  addAccessFields(document, json as Record<string, unknown>);
  addSyslogFields(document, syslog);
  return document;
}

function addAccessFields(document: Document, access: Record<string, unknown>): void {
  const method = stringField(access.method);
  const uri = stringField(access.uri);
  const status = integerField(access.status);
  const split = uri === undefined ? undefined : splitUri(uri);
  document['service.name'] = HAPROXY_SOURCE;
  document['event.dataset'] = ACCESS_DATASET;
  document.message = `${method ?? '-'} ${split?.path ?? '-'} ${status ?? '-'}`;
  set(document, 'http.request.id', stringField(access.request_id));
  set(document, 'http.request.method', method);
  set(document, 'url.original', uri);
  if (split !== undefined) {
    document['url.path'] = split.path;
    set(document, 'url.query', split.query);
  }
  set(document, 'http.response.status_code', status);
  set(document, 'http.request.bytes', integerField(access.bytes_in));
  set(document, 'http.response.bytes', integerField(access.bytes_out));
  const total = integerField(access.Ta);
  if (total !== undefined && total >= 0) {
    document['event.duration'] = total * NANOSECONDS_PER_MILLISECOND;
  }
  addClient(document, stringField(access.client));
  set(document, 'haproxy.frontend', stringField(access.frontend));
  set(document, 'haproxy.backend', stringField(access.backend));
  set(document, 'haproxy.server', stringField(access.server));
  set(document, 'haproxy.retries', stringField(access.retries));
  set(document, 'haproxy.termination_state', stringField(access.termination));
  set(document, 'haproxy.idempotency_key', stringField(access.idempotency_key));
  set(document, 'haproxy.timers.TR', integerField(access.TR));
  set(document, 'haproxy.timers.Tw', integerField(access.Tw));
  set(document, 'haproxy.timers.Tc', integerField(access.Tc));
  set(document, 'haproxy.timers.Tr', integerField(access.Tr));
  set(document, 'haproxy.timers.Ta', total);
}

function addSyslogFields(document: Document, syslog: SyslogMessage): void {
  set(document, 'host.name', syslog.hostname);
  if (syslog.priority !== undefined) {
    const names = syslogPriorityNames(syslog.priority);
    document['log.level'] = names.level;
    document['log.syslog.facility.name'] = names.facility;
    document['log.syslog.severity.name'] = names.severity;
  }
  set(document, 'log.syslog.appname', syslog.appName);
  set(document, 'log.syslog.hostname', syslog.hostname);
  set(document, 'log.syslog.procid', syslog.procId);
  set(document, 'log.syslog.msgid', syslog.msgId);
  if (syslog.version !== undefined) {
    document['log.syslog.version'] = String(syslog.version);
  }
}

function flagged(line: string, at: Date, reason: string): Document {
  return { ...rawLineDocument(line, HAPROXY_SOURCE, at, reason), 'event.dataset': ACCESS_DATASET };
}

function set(document: Document, key: string, value: string | number | undefined): void {
  if (value !== undefined) {
    document[key] = value;
  }
}

/** A JSON string HAProxy filled in: `-` is what it writes for a sample it could not fetch (no such header). */
function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value !== '-' ? value : undefined;
}

function integerField(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

/** Path and query of an origin-form (`/a?b`), absolute-form (`http://h/a?b`) or asterisk-form (`*`) request target. */
function splitUri(uri: string): { path: string; query?: string } {
  let start = 0;
  if (uri[0] !== '/') {
    const scheme = uri.indexOf('://');
    if (scheme > 0) {
      const slash = uri.indexOf('/', scheme + 3);
      const question = uri.indexOf('?', scheme + 3);
      if (slash < 0 || (question >= 0 && question < slash)) {
        return withQuery('/', question < 0 ? '' : uri.slice(question + 1));
      }
      start = slash;
    }
  }
  const question = uri.indexOf('?', start);
  return question < 0 ? { path: uri.slice(start) } : withQuery(uri.slice(start, question), uri.slice(question + 1));
}

function withQuery(path: string, query: string): { path: string; query?: string } {
  return query === '' ? { path } : { path, query };
}

/**
 * `%ci:%cp`: `client.ip`, the address (IPv4 or IPv6, without brackets) before the last colon, if it is one (the field
 * is mapped as `ip`: anything else would make OpenSearch refuse the whole document); `client.port` after it.
 */
function addClient(document: Document, client: string | undefined): void {
  if (client === undefined) {
    return;
  }
  const colon = client.lastIndexOf(':');
  const ip = colon < 0 ? client : client.slice(0, colon);
  if (isIP(ip) !== 0) {
    document['client.ip'] = ip;
  }
  if (colon >= 0 && colon < client.length - 1) {
    const port = Number(client.slice(colon + 1));
    if (Number.isInteger(port) && port >= 0 && port <= 65535) {
      document['client.port'] = port;
    }
  }
}
