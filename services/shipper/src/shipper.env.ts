import { EnvReader, loadCoreConfig } from '@anvil/config';

/** A syslog listener's address; undefined when the listener is off. */
export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

/** Shipper settings beyond `CoreConfig` (docs/services/shipper.md). */
export interface ShipperConfig {
  /** HTTP port for /healthz, /readyz and /metrics (ANVIL_SHIPPER_PORT). */
  readonly port: number;
  /** OpenSearch's HTTP address (ANVIL_OPENSEARCH_URL). */
  readonly opensearchUrl: string;
  /**
   * Start of every index, template and policy name the shipper makes (ANVIL_OPENSEARCH_INDEX_PREFIX); default `anvil`,
   * or `<namespace>-anvil` (lower-cased) when ANVIL_NAMESPACE is set, so deployments sharing a cluster stay apart.
   */
  readonly indexPrefix: string;
  /** Whole days a daily index is kept before it is deleted (ANVIL_LOG_RETENTION_DAYS). */
  readonly retentionDays: number;
  /** Primary shards of each new daily index (ANVIL_OPENSEARCH_SHARDS, default 1). */
  readonly shards: number;
  /** Replicas of each new daily index (ANVIL_OPENSEARCH_REPLICAS, default 0: one node). */
  readonly replicas: number;
  /** How often new documents become searchable (ANVIL_OPENSEARCH_REFRESH_INTERVAL, e.g. `5s`; `-1`: never). */
  readonly refreshInterval: string;
  /**
   * `request` (default): OpenSearch fsyncs its translog before answering a bulk request, so an acked line survives an
   * OpenSearch crash; `async`: fsync every few seconds, a little faster (ANVIL_OPENSEARCH_TRANSLOG_DURABILITY).
   */
  readonly translogDurability: 'request' | 'async';
  /** Timeout of one request to OpenSearch (ANVIL_OPENSEARCH_REQUEST_TIMEOUT_MS). */
  readonly requestTimeoutMs: number;
  /** Upper bound of one bulk request's body (ANVIL_SHIPPER_BULK_MAX_BYTES, default 5 MiB). */
  readonly bulkMaxBytes: number;
  /** Bulk requests in flight at once, all consumers together (ANVIL_SHIPPER_BULK_CONCURRENCY, default 2). */
  readonly bulkConcurrency: number;
  /** First wait before a failed bulk request (or item) is sent again (ANVIL_SHIPPER_RETRY_INITIAL_MS, default 500). */
  readonly retryInitialMs: number;
  /** The wait doubles up to this (ANVIL_SHIPPER_RETRY_MAX_MS, default 5000: a returning OpenSearch is used within seconds). */
  readonly retryMaxMs: number;
  /** Syslog over UDP for HAProxy's access logs (ANVIL_SHIPPER_SYSLOG_UDP, `host:port`, empty: off). */
  readonly syslogUdp?: ListenAddress;
  /** Syslog over TCP, octet-counted or newline-framed (ANVIL_SHIPPER_SYSLOG_TCP, `host:port`, empty: off). */
  readonly syslogTcp?: ListenAddress;
}

/** `env`: the variables behind `reader`, to tell a setting set empty (a listener off) from one not set. */
export function loadShipperConfig(
  reader = new EnvReader(),
  env: Readonly<Record<string, string | undefined>> = process.env,
): ShipperConfig {
  const namespace = loadCoreConfig(reader).namespace;
  const udp = listenAddress(reader, env, 'ANVIL_SHIPPER_SYSLOG_UDP', '127.0.0.1:5514');
  const tcp = listenAddress(reader, env, 'ANVIL_SHIPPER_SYSLOG_TCP', '127.0.0.1:5514');
  return {
    port: reader.int('ANVIL_SHIPPER_PORT', 8097, { min: 0, max: 65535 }),
    opensearchUrl: reader.url('ANVIL_OPENSEARCH_URL', 'http://127.0.0.1:9200', ['http', 'https']),
    indexPrefix: indexPrefix(reader, namespace),
    retentionDays: reader.int('ANVIL_LOG_RETENTION_DAYS', 14, { min: 1, max: 36_500 }),
    shards: reader.int('ANVIL_OPENSEARCH_SHARDS', 1, { min: 1, max: 64 }),
    replicas: reader.int('ANVIL_OPENSEARCH_REPLICAS', 0, { min: 0, max: 16 }),
    refreshInterval: refreshInterval(reader),
    translogDurability: reader.oneOf('ANVIL_OPENSEARCH_TRANSLOG_DURABILITY', ['request', 'async'], 'request'),
    requestTimeoutMs: reader.int('ANVIL_OPENSEARCH_REQUEST_TIMEOUT_MS', 60_000, { min: 100, max: 600_000 }),
    bulkMaxBytes: reader.int('ANVIL_SHIPPER_BULK_MAX_BYTES', 5 * 1024 ** 2, { min: 64 * 1024, max: 100 * 1024 ** 2 }),
    bulkConcurrency: reader.int('ANVIL_SHIPPER_BULK_CONCURRENCY', 2, { min: 1, max: 32 }),
    retryInitialMs: reader.int('ANVIL_SHIPPER_RETRY_INITIAL_MS', 500, { min: 10, max: 60_000 }),
    retryMaxMs: reader.int('ANVIL_SHIPPER_RETRY_MAX_MS', 5_000, { min: 10, max: 600_000 }),
    ...(udp === undefined ? {} : { syslogUdp: udp }),
    ...(tcp === undefined ? {} : { syslogTcp: tcp }),
  };
}

function indexPrefix(reader: EnvReader, namespace: string): string {
  const fallback = namespace === '' ? 'anvil' : `${namespace.toLowerCase()}-anvil`;
  const prefix = reader.string('ANVIL_OPENSEARCH_INDEX_PREFIX', fallback);
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(prefix)) {
    throw new Error(
      `ANVIL_OPENSEARCH_INDEX_PREFIX must be lower-case letters, digits, '_' or '-' (OpenSearch index names): got '${prefix}'`,
    );
  }
  return prefix;
}

function refreshInterval(reader: EnvReader): string {
  const value = reader.string('ANVIL_OPENSEARCH_REFRESH_INTERVAL', '5s').trim();
  if (value !== '-1' && !/^\d+(ms|s|m)$/.test(value)) {
    throw new Error(
      `ANVIL_OPENSEARCH_REFRESH_INTERVAL must be a duration such as 500ms, 5s or 1m (or -1): got '${value}'`,
    );
  }
  return value;
}

function listenAddress(
  reader: EnvReader,
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  fallback: string,
): ListenAddress | undefined {
  // EnvReader gives the default for an empty variable; here empty means off.
  const value = env[name]?.trim() === '' ? '' : reader.string(name, fallback).trim();
  if (value === '') {
    return undefined;
  }
  const match = /^(.+):(\d{1,5})$/.exec(value);
  const port = match ? Number(match[2]) : NaN;
  if (match === null || port > 65535) {
    throw new Error(`${name} must be host:port (or empty to turn the listener off): got '${value}'`);
  }
  return { host: match[1].replace(/^\[(.*)\]$/, '$1'), port };
}
