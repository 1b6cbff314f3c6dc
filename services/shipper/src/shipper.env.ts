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
  /** Syslog over UDP for HAProxy's access logs (ANVIL_SHIPPER_SYSLOG_UDP, `host:port`, empty: off). */
  readonly syslogUdp?: ListenAddress;
  /** Syslog over TCP, octet-counted or newline-framed (ANVIL_SHIPPER_SYSLOG_TCP, `host:port`, empty: off). */
  readonly syslogTcp?: ListenAddress;
}

export function loadShipperConfig(reader = new EnvReader()): ShipperConfig {
  const namespace = loadCoreConfig(reader).namespace;
  const udp = listenAddress(reader, 'ANVIL_SHIPPER_SYSLOG_UDP', '127.0.0.1:5514');
  const tcp = listenAddress(reader, 'ANVIL_SHIPPER_SYSLOG_TCP', '127.0.0.1:5514');
  return {
    port: reader.int('ANVIL_SHIPPER_PORT', 8097, { min: 0, max: 65535 }),
    opensearchUrl: reader.url('ANVIL_OPENSEARCH_URL', 'http://127.0.0.1:9200', ['http', 'https']),
    indexPrefix: indexPrefix(reader, namespace),
    retentionDays: reader.int('ANVIL_LOG_RETENTION_DAYS', 14, { min: 1, max: 36_500 }),
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

function listenAddress(reader: EnvReader, name: string, fallback: string): ListenAddress | undefined {
  const value = reader.string(name, fallback).trim();
  if (value === '') {
    return undefined;
  }
  const match = /^(.+):(\d{1,5})$/.exec(value);
  const port = match ? Number(match[2]) : NaN;
  if (match === null || port > 65535) {
    throw new Error(`${name} must be host:port (or empty to turn the listener off): got '${value}'`);
  }
  return { host: (match[1]).replace(/^\[(.*)\]$/, '$1'), port };
}
