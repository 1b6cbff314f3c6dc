import { EnvReader } from './env-reader';

/** Settings every Anvil service shares. */
export interface CoreConfig {
  /** Prefix for every subject, stream, consumer and Redis key; empty for none (ANVIL_NAMESPACE). */
  readonly namespace: string;
  readonly databaseUrl: string;
  /** PostgreSQL schema holding Anvil's tables (ANVIL_DB_SCHEMA). */
  readonly databaseSchema: string;
  readonly natsUrl: string;
  readonly redisUrl: string;
  readonly logLevel: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  /** OTLP/HTTP endpoint for traces; empty: traces are created (for propagation) but not exported. */
  readonly otlpEndpoint: string;
}

export function loadCoreConfig(reader = new EnvReader()): CoreConfig {
  return {
    namespace: reader.identifier('ANVIL_NAMESPACE', ''),
    databaseUrl: reader.url('ANVIL_DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/anvil', [
      'postgres',
      'postgresql',
    ]),
    databaseSchema: reader.identifier('ANVIL_DB_SCHEMA', 'public'),
    natsUrl: reader.url('ANVIL_NATS_URL', 'nats://127.0.0.1:4222', ['nats', 'tls']),
    redisUrl: reader.url('ANVIL_REDIS_URL', 'redis://127.0.0.1:6379', ['redis', 'rediss']),
    logLevel: reader.oneOf('ANVIL_LOG_LEVEL', ['trace', 'debug', 'info', 'warn', 'error', 'fatal'], 'info'),
    otlpEndpoint: reader.string('OTEL_EXPORTER_OTLP_ENDPOINT', ''),
  };
}
