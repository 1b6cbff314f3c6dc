import { EnvReader } from '@anvil/config';
import { loadShipperConfig } from './shipper.env';

function load(env: Record<string, string>) {
  return loadShipperConfig(new EnvReader(env), env);
}

describe('loadShipperConfig', () => {
  it('defaults to one shard, no replica, request translog durability and 2 bulk requests of 5 MiB', () => {
    expect(load({})).toMatchObject({
      indexPrefix: 'anvil',
      retentionDays: 14,
      shards: 1,
      replicas: 0,
      refreshInterval: '5s',
      translogDurability: 'request',
      bulkMaxBytes: 5 * 1024 ** 2,
      bulkConcurrency: 2,
      retryInitialMs: 500,
      retryMaxMs: 5_000,
      syslogUdp: { host: '127.0.0.1', port: 5514 },
    });
  });

  it('prefixes indices with the namespace, lower-cased', () => {
    expect(load({ ANVIL_NAMESPACE: 'b_x1' }).indexPrefix).toBe('b_x1-anvil');
  });

  it('turns a syslog listener off when its setting is set empty', () => {
    const config = load({ ANVIL_SHIPPER_SYSLOG_UDP: '', ANVIL_SHIPPER_SYSLOG_TCP: ' ' });
    expect(config.syslogUdp).toBeUndefined();
    expect(config.syslogTcp).toBeUndefined();
  });

  it('refuses a refresh interval OpenSearch would not understand, naming the setting', () => {
    expect(() => load({ ANVIL_OPENSEARCH_REFRESH_INTERVAL: '5 seconds' })).toThrow(/ANVIL_OPENSEARCH_REFRESH_INTERVAL/);
    expect(load({ ANVIL_OPENSEARCH_REFRESH_INTERVAL: '-1' }).refreshInterval).toBe('-1');
  });

  it('refuses an unknown translog durability', () => {
    expect(() => load({ ANVIL_OPENSEARCH_TRANSLOG_DURABILITY: 'never' })).toThrow(
      /ANVIL_OPENSEARCH_TRANSLOG_DURABILITY/,
    );
  });
});
