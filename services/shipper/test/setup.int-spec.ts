import { expectEventually, openSearch, TcpProxy, type ServiceProcess } from '@anvil/testing';
import { httpStatus, ShipperTestEnv } from './shipper-fixtures';

const DAY_MS = 24 * 3600 * 1000;

/** `YYYY.MM.DD` of `daysAgo` days before today (UTC). */
function day(daysAgo: number): string {
  return new Date(Date.now() - daysAgo * DAY_MS).toISOString().slice(0, 10).replace(/-/g, '.');
}

// What the shipper sets up in OpenSearch at start: templates, and retention without the ISM plugin.
describe('shipper setup', () => {
  let env: ShipperTestEnv;
  const extraIndices: string[] = [];
  const processes: ServiceProcess[] = [];

  const withOutput = (error: unknown): never => {
    const output = processes.map((process) => process.describe()).join('\n\n');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n\n${output}`);
  };

  beforeAll(async () => {
    env = await ShipperTestEnv.create();
  });

  afterAll(async () => {
    for (const index of extraIndices) {
      await openSearch('DELETE', `/${index}`);
    }
    await env?.cleanup();
  });

  it('deletes the daily indices of its prefix past retention at start, keeps the others, and says why once', async () => {
    const expired = [
      `${env.prefix}-logs-2020.01.01`,
      `${env.prefix}-access-${day(30)}`,
      `${env.prefix}-decisions-${day(8)}`,
    ];
    const kept = [
      `${env.prefix}-logs-${day(7)}`,
      `${env.prefix}-access-${day(0)}`,
      `${env.prefix}-decisions-${day(1)}`,
      // Not a daily index name of the shipper's, whatever its date.
      `${env.prefix}-logs-2020.01.01-restored`,
    ];
    // Another deployment's prefix that starts like this one.
    const foreign = `${env.prefix}x-logs-2020.01.01`;
    extraIndices.push(foreign);
    for (const index of [...expired, ...kept, foreign]) {
      const created = await openSearch('PUT', `/${index}`, {
        settings: { number_of_shards: 1, number_of_replicas: 0 },
      });
      expect(created.status).toBe(200);
    }

    const { shipper, port } = await env.startShipper({ ANVIL_LOG_RETENTION_DAYS: '7' });
    processes.push(shipper);
    await expectEventually(
      async () => {
        const answer = await openSearch('GET', `/_cat/indices/${env.prefix}*?format=json&h=index&expand_wildcards=all`);
        const names = (answer.body as { index: string }[]).map((row) => row.index).sort();
        expect(names).toEqual([...kept, foreign].sort());
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    ).catch(withOutput);
    await expectEventually(async () => expect(await httpStatus(port, '/readyz')).toBe(200)).catch(withOutput);
    const why = shipper.logs.filter((line) => /no index-management \(ISM\) plugin/.test(line.message ?? ''));
    expect(why).toHaveLength(1);
    expect(shipper.logs.find((line) => line.message === 'deleted expired daily indices')).toMatchObject({
      indices: expect.arrayContaining(expired),
    });
    await shipper.stop();
  });

  it('installs index templates with explicit, non-dynamic mappings and the index settings', async () => {
    const answer = await openSearch('GET', `/_index_template/${env.prefix}-*`);
    const templates = new Map<string, any>(
      (answer.body.index_templates as { name: string; index_template: unknown }[]).map((t) => [
        t.name,
        t.index_template,
      ]),
    );
    expect([...templates.keys()].sort()).toEqual([
      `${env.prefix}-access`,
      `${env.prefix}-decisions`,
      `${env.prefix}-logs`,
    ]);
    const logs = templates.get(`${env.prefix}-logs`);
    expect(logs.index_patterns).toEqual([`${env.prefix}-logs-*`]);
    expect(logs.template.settings.index).toMatchObject({
      number_of_shards: '1',
      number_of_replicas: '0',
      refresh_interval: '1s',
      translog: { durability: 'request' },
    });
    expect(logs.template.mappings.dynamic).toBe(false);

    // A new daily index gets the mapping: ECS names, typed.
    const index = `${env.prefix}-access-${day(2)}`;
    expect((await openSearch('PUT', `/${index}`)).status).toBe(200);
    const mapping = await openSearch(
      'GET',
      `/${index}/_mapping/field/http.response.status_code,client.ip,haproxy.timers.Ta,@timestamp`,
    );
    const fields = mapping.body[index].mappings;
    expect(fields['http.response.status_code'].mapping.status_code.type).toBe('integer');
    expect(fields['client.ip'].mapping.ip.type).toBe('ip');
    expect(fields['haproxy.timers.Ta'].mapping.Ta.type).toBe('long');
    expect(fields['@timestamp'].mapping['@timestamp'].type).toBe('date');
  });

  it('answers health checks while OpenSearch is unreachable, is not ready until setup is done, then is', async () => {
    const proxy = await TcpProxy.start();
    await proxy.close();
    try {
      const { shipper, port } = await env.startShipper({ ANVIL_OPENSEARCH_URL: proxy.url });
      processes.push(shipper);
      await expectEventually(
        () =>
          expect(shipper.logs.some((line) => /OpenSearch setup failed; retrying/.test(line.message ?? ''))).toBe(true),
        { timeoutMs: 30_000 },
      ).catch(withOutput);
      expect(await httpStatus(port, '/healthz')).toBe(200);
      const notReady = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toEqual({ status: 'starting' });

      await proxy.open();
      await expectEventually(async () => expect(await httpStatus(port, '/readyz')).toBe(200), {
        timeoutMs: 30_000,
      }).catch(withOutput);
      expect(shipper.hasLogged('OpenSearch setup done')).toBe(true);
      await shipper.stop();
    } finally {
      await proxy.close();
    }
  });
});
