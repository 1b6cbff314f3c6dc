/** One field's mapping in an index template. */
export type FieldMapping = Readonly<Record<string, unknown>>;

const keyword: FieldMapping = { type: 'keyword', ignore_above: 1024 };
const text: FieldMapping = { type: 'text' };
const long: FieldMapping = { type: 'long' };
const integer: FieldMapping = { type: 'integer' };
const bool: FieldMapping = { type: 'boolean' };
const date: FieldMapping = { type: 'date' };

/**
 * Fields of every log document (services' pino lines, access lines, raw lines), ECS-style dotted names
 * (ARCHITECTURE.md section 8). Mappings are `dynamic: false`: any other field stays in `_source`, unindexed.
 */
export const LOG_FIELDS: Readonly<Record<string, FieldMapping>> = {
  '@timestamp': date,
  'service.name': keyword,
  'log.level': keyword,
  message: text,
  'trace.id': keyword,
  'span.id': keyword,
  'http.request.id': keyword,
  'http.request.method': keyword,
  'url.path': keyword,
  'url.query': keyword,
  'url.original': keyword,
  'http.route': keyword,
  'http.response.status_code': integer,
  // Nanoseconds, as ECS has it.
  'event.duration': long,
  'event.dataset': keyword,
  // Order of lines from one writer, when it numbers them (the ship bench does, to count each line once).
  'event.sequence': long,
  'client.ip': { type: 'ip' },
  'client.port': integer,
  'user_agent.original': keyword,
  'error.message': text,
  'error.type': keyword,
  'anvil.parse_error': bool,
  // The line as received, kept for reading only (it is also in `message` for a raw line).
  'event.original': { type: 'keyword', index: false, doc_values: false },
};

/** Fields HAProxy's access lines add (the shipper's syslog listener parses them). */
export const ACCESS_FIELDS: Readonly<Record<string, FieldMapping>> = {
  ...LOG_FIELDS,
  'haproxy.frontend': keyword,
  'haproxy.backend': keyword,
  'haproxy.server': keyword,
  // Keyword: HAProxy writes `+3` when it redispatched.
  'haproxy.retries': keyword,
  'haproxy.termination_state': keyword,
  'haproxy.idempotency_key': keyword,
  // Milliseconds, as HAProxy logs them (-1: the phase did not happen).
  'haproxy.timers.TR': long,
  'haproxy.timers.Tw': long,
  'haproxy.timers.Tc': long,
  'haproxy.timers.Tr': long,
  'haproxy.timers.Ta': long,
  'http.request.bytes': long,
  'http.response.bytes': long,
  // The gateway's own access lines (`event.dataset: gateway.access`).
  'http.response.body.bytes': long,
  'http.request.headers.x_forwarded_for': keyword,
  'host.name': keyword,
  'log.syslog.facility.name': keyword,
  'log.syslog.severity.name': keyword,
  'log.syslog.appname': keyword,
  'log.syslog.hostname': keyword,
  'log.syslog.procid': keyword,
  'log.syslog.msgid': keyword,
  'log.syslog.version': keyword,
};

/** Fields of decision documents (`decisionDocument`): exclusions, recoveries, overrides, outages. */
export const DECISION_FIELDS: Readonly<Record<string, FieldMapping>> = {
  '@timestamp': date,
  message: text,
  // A decision OpenSearch refused is indexed as a raw-line document, like a log line.
  'service.name': keyword,
  'anvil.parse_error': bool,
  'error.message': text,
  'event.original': { type: 'keyword', index: false, doc_values: false },
  'event.action': keyword,
  'event.dataset': keyword,
  'event.reason': text,
  'queue.id': keyword,
  'site.id': keyword,
  'decision.id': keyword,
  'decision.source': keyword,
  'decision.policy.name': keyword,
  'decision.policy.version': integer,
  'decision.enforced': bool,
  'decision.actor': keyword,
  'decision.mode': keyword,
  'decision.status': keyword,
  'decision.expires_at': date,
  'decision.next_eligible_at': date,
  'decision.exclusion_number': integer,
  'decision.rule': keyword,
  'decision.job_ids': keyword,
  'decision.detail': { type: 'keyword', index: false, doc_values: false },
  // Counts and thresholds a rule computed: names vary by rule, every value is a number (see the dynamic template).
  'decision.counts': { type: 'object', dynamic: true },
  'decision.thresholds': { type: 'object', dynamic: true },
  // Labels of the queue (site, backend, scope, ...): any key, searchable as exact values.
  labels: { type: 'flat_object' },
  'outage.id': keyword,
  'outage.scope': keyword,
  'outage.queue_ids': keyword,
  'outage.opened_at': date,
  'outage.closed_at': date,
};

/** Every number under `decision.counts` / `decision.thresholds` is a double, whichever comes first. */
export const DECISION_DYNAMIC_TEMPLATES: readonly Readonly<Record<string, unknown>>[] = [
  {
    decision_numbers: {
      path_match: 'decision.*.*',
      match_mapping_type: 'long',
      mapping: { type: 'double' },
    },
  },
  {
    decision_fractions: {
      path_match: 'decision.*.*',
      match_mapping_type: 'double',
      mapping: { type: 'double' },
    },
  },
];
