import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  CONTRACTS,
  DecisionSource,
  OutageChangedSchema,
  OverrideMode,
  QueueDecidedSchema,
  QueueOverriddenSchema,
  QueueOverrideRequestedSchema,
} from '@anvil/contracts';
import { expectEventually, openSearch, type ServiceProcess } from '@anvil/testing';
import { httpStatus, logBatch, metricValue, pinoLine, ShipperTestEnv } from './shipper-fixtures';

// The shipper against the real NATS and OpenSearch: what it indexes, under which ids, and what it refuses to lose.
describe('shipper indexing', () => {
  let env: ShipperTestEnv;
  let shipper: ServiceProcess;
  let port: number;

  const withOutput = (error: unknown): never => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n\n${shipper.describe()}`);
  };

  beforeAll(async () => {
    env = await ShipperTestEnv.create();
    ({ shipper, port } = await env.startShipper());
    await expectEventually(async () => expect(await httpStatus(port, '/readyz')).toBe(200), {
      timeoutMs: 30_000,
    }).catch(withOutput);
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('indexes every line of every batch once, with the id <batchId>.<index in lines>', async () => {
    const lines = (batch: number): string[] =>
      Array.from({ length: 40 }, (_, i) => pinoLine('decider', `line ${i} of batch ${batch}`, { 'trace.id': `t${i}` }));
    const batches = Array.from({ length: 5 }, (_, b) => logBatch(`decider-h-${b}`, 'decider', lines(b)));
    for (const batch of batches) {
      await env.publishLogs(batch);
    }
    const access = logBatch('gateway-h-1', 'gateway', [
      pinoLine('gateway', 'GET /api/v1/queues 200', {
        'http.request.method': 'GET',
        'url.path': '/api/v1/queues',
        'http.response.status_code': 200,
        'event.duration': 1_500_000,
        'http.request.id': 'req-1',
      }),
    ]);
    await env.publishAccess(access);

    const expectedIds = batches.flatMap((batch) => batch.lines.map((_, i) => `${batch.batchId}.${i}`)).sort();
    await expectEventually(
      async () => expect((await env.documents('logs')).map((doc) => doc.id)).toEqual(expectedIds),
      { timeoutMs: 30_000, intervalMs: 500 },
    ).catch(withOutput);
    const logs = await env.documents('logs');
    const first = logs.find((doc) => doc.id === 'decider-h-0.0');
    // As published, byte for byte: the shipper does not rewrite a service's line.
    expect(first?.source).toEqual(JSON.parse(batches[0]?.lines[0]));
    expect(first?.index).toBe(`${env.prefix}-logs-${new Date().toISOString().slice(0, 10).replace(/-/g, '.')}`);

    await expectEventually(async () => expect(await env.documents('access')).toHaveLength(1), {
      timeoutMs: 30_000,
    }).catch(withOutput);
    const [request] = await env.documents('access');
    expect(request?.id).toBe('gateway-h-1.0');
    expect(request?.source).toMatchObject({ 'http.request.id': 'req-1', 'http.response.status_code': 200 });
    // The mapping is the template's: a status code is an integer one can range over.
    const ok = await openSearch('POST', `/${env.prefix}-access-*/_count`, {
      query: { range: { 'http.response.status_code': { gte: 200, lt: 300 } } },
    });
    expect(ok.body.count).toBe(1);
  });

  it('counts a batch delivered again as already indexed and never duplicates a line', async () => {
    const batch = logBatch('scheduler-h-1', 'scheduler', [pinoLine('scheduler', 'a'), pinoLine('scheduler', 'b')]);
    await env.publishLogs(batch);
    await expectEventually(
      async () =>
        expect((await env.documents('logs')).filter((doc) => doc.id.startsWith('scheduler-h-1.'))).toHaveLength(2),
      { timeoutMs: 30_000 },
    ).catch(withOutput);
    const before = await env.count('logs');
    const seenBefore = await metricValue(port, 'anvil_shipper_documents_already_indexed_total{family="logs"}');

    // The same batch id under another message id: JetStream keeps both, the shipper gets it twice.
    await env.republishLogs(batch, 'scheduler-h-1.again');
    await expectEventually(
      async () =>
        expect(await metricValue(port, 'anvil_shipper_documents_already_indexed_total{family="logs"}')).toBe(
          seenBefore + 2,
        ),
      { timeoutMs: 30_000 },
    ).catch(withOutput);
    expect(await env.count('logs')).toBe(before);
    const ids = (await env.documents('logs')).map((doc) => doc.id);
    expect(ids.filter((id) => id === 'scheduler-h-1.0')).toHaveLength(1);
  });

  it('indexes a line that is not JSON and a line that conflicts with the mapping as raw text with the flag', async () => {
    const notJson = 'Error: something went wrong before the logger was ready';
    const conflict = pinoLine('ingester', 'bad status', { 'http.response.status_code': 'abc' });
    const fine = pinoLine('ingester', 'fine');
    await env.publishLogs(logBatch('ingester-h-1', 'ingester', [notJson, conflict, fine]));

    await expectEventually(
      async () =>
        expect((await env.documents('logs')).filter((doc) => doc.id.startsWith('ingester-h-1.'))).toHaveLength(3),
      { timeoutMs: 30_000 },
    ).catch(withOutput);
    const docs = new Map(
      (await env.documents('logs')).filter((doc) => doc.id.startsWith('ingester-h-1.')).map((doc) => [doc.id, doc]),
    );
    expect(docs.get('ingester-h-1.0')?.source).toMatchObject({
      'anvil.parse_error': true,
      'event.original': notJson,
      message: notJson,
      'service.name': 'ingester',
    });
    expect(docs.get('ingester-h-1.1')?.source).toMatchObject({
      'anvil.parse_error': true,
      'event.original': conflict,
      'service.name': 'ingester',
    });
    expect(docs.get('ingester-h-1.1')?.source['error.message']).toMatch(/mapper_parsing_exception/);
    expect(docs.get('ingester-h-1.2')?.source).toEqual(JSON.parse(fine));
    // Operators find them with the flag.
    const flagged = await openSearch('POST', `/${env.prefix}-logs-*/_search`, {
      query: { term: { 'anvil.parse_error': true } },
    });
    expect(flagged.body.hits.hits.map((hit: { _id: string }) => hit._id).sort()).toEqual([
      'ingester-h-1.0',
      'ingester-h-1.1',
    ]);
    expect(await metricValue(port, 'anvil_shipper_raw_documents_total{family="logs",reason="unparsed"}')).toBe(1);
    expect(await metricValue(port, 'anvil_shipper_raw_documents_total{family="logs",reason="refused"}')).toBe(1);
  });

  it("makes HAProxy's syslog lines access documents, dated by the syslog timestamp", async () => {
    const line =
      '<134>1 2026-03-14T08:15:00.123456+00:00 - haproxy 11880 - - {"request_id":"req-h1","client":"10.1.2.3:5000",' +
      '"frontend":"api","backend":"gateways","server":"gateway-a","method":"GET","uri":"\\/api\\/v1\\/sites?x=1",' +
      '"status":503,"bytes_in":80,"bytes_out":120,"TR":0,"Tw":0,"Tc":1,"Tr":7,"Ta":8,"retries":"0","termination":"----"}';
    // Batched a second after HAProxy wrote it (a line far from its batch's day would go to the batch's day).
    await env.publishAccess(logBatch('haproxy-h-1', 'haproxy', [line], new Date('2026-03-14T08:15:01Z')));

    await expectEventually(
      async () => expect((await env.documents('access')).map((doc) => doc.id)).toContain('haproxy-h-1.0'),
      { timeoutMs: 30_000 },
    ).catch(withOutput);
    const doc = (await env.documents('access')).find((candidate) => candidate.id === 'haproxy-h-1.0');
    expect(doc?.index).toBe(`${env.prefix}-access-2026.03.14`);
    expect(doc?.source).toMatchObject({
      'http.request.id': 'req-h1',
      'http.response.status_code': 503,
      'url.path': '/api/v1/sites',
      'haproxy.backend': 'gateways',
      'haproxy.timers.Tr': 7,
      'client.ip': '10.1.2.3',
    });
    expect(doc?.source['anvil.parse_error']).toBeUndefined();
  });

  it('indexes decision events under their business keys and skips override requests, which are commands', async () => {
    const at = new Date();
    await env.publisher.publish(
      CONTRACTS.queueExcluded,
      create(QueueDecidedSchema, {
        decisionId: 'dec-1',
        queueId: 'q-1',
        action: 'exclude',
        source: DecisionSource.POLICY,
        policyName: 'default',
        policyVersion: 2,
        reason: 'three failures',
        enforced: true,
        decidedAt: timestampFromDate(at),
        labels: { site: 'CERN' },
      }),
    );
    await env.publisher.publish(
      CONTRACTS.queueOverridden,
      create(QueueOverriddenSchema, {
        decisionId: 'dec-2',
        queueId: 'q-1',
        mode: OverrideMode.ONLINE,
        reason: 'false alarm',
        actor: 'alice',
        decidedAt: timestampFromDate(at),
        status: 'online',
      }),
    );
    await env.publisher.publish(
      CONTRACTS.queueOverrideRequested,
      create(QueueOverrideRequestedSchema, {
        requestId: 'req-9',
        queueId: 'q-1',
        mode: OverrideMode.ONLINE,
        actor: 'alice',
        requestedAt: timestampFromDate(at),
      }),
    );
    await env.publisher.publish(
      CONTRACTS.outageOpened,
      create(OutageChangedSchema, {
        outageId: 'out-1',
        change: 'opened',
        scope: 'global',
        reason: 'half the queues failing',
        openedAt: timestampFromDate(at),
        queueIds: ['q-1', 'q-2'],
      }),
    );

    await expectEventually(
      async () =>
        expect((await env.documents('decisions')).map((doc) => doc.id)).toEqual(['dec-1', 'dec-2', 'out-1.opened']),
      { timeoutMs: 30_000 },
    ).catch(withOutput);
    await expectEventually(
      async () => expect(await metricValue(port, 'anvil_shipper_messages_skipped_total')).toBe(1),
      {
        timeoutMs: 30_000,
      },
    ).catch(withOutput);
    const docs = await env.documents('decisions');
    expect(docs[0]?.source).toMatchObject({ 'event.action': 'exclude', 'site.id': 'CERN', 'queue.id': 'q-1' });
    expect(docs[2]?.source).toMatchObject({ 'event.action': 'outage-opened', 'outage.queue_ids': ['q-1', 'q-2'] });
    expect(await env.deadLetters()).toBe(0);
  });
});
