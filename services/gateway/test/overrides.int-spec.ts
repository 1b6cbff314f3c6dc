import { fromBinary } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import request from 'supertest';
import type { App } from 'supertest/types';
import { provisionStreams } from '@anvil/bus';
import { OverrideMode, QueueOverrideRequestedSchema, STREAMS } from '@anvil/contracts';
import { TEST_BUS_SETTINGS } from '@anvil/testing';
import { readStream } from './read-stream';
import { seedGrid } from './seed-grid';
import { startGateway, type GatewayUnderTest } from './gateway-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const COMMAND_SUBJECT = 'anvil.queue.override-requested';

describe('PUT /api/v1/queues/:id/override', () => {
  let gateway: GatewayUnderTest;
  let http: App;

  beforeAll(async () => {
    gateway = await startGateway();
    http = gateway.app.getHttpServer();
    await seedGrid(gateway.db.dataSource);
  });

  afterAll(async () => {
    await gateway?.close();
  });

  const operator = () => gateway.auth('operator');

  const commands = async () =>
    (await readStream(gateway.bus.bus, 'DECISIONS', COMMAND_SUBJECT)).map((m) => ({
      ...m,
      command: fromBinary(QueueOverrideRequestedSchema, m.data),
    }));

  const auditRows = (): Promise<Record<string, unknown>[]> =>
    gateway.db.dataSource.query(
      `SELECT actor, action, target, details, request_id AS "requestId" FROM audit_log ORDER BY id`,
    );

  /** Asserts a 400 naming `field`, and that nothing was published or audited. */
  async function expectRefused(body: object, field: string, queue = 'cern-q1'): Promise<string> {
    const [commandsBefore, auditBefore] = [(await commands()).length, (await auditRows()).length];
    const response = await request(http).put(`/api/v1/queues/${queue}/override`).set(operator()).send(body).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(response.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
    expect(await commands()).toHaveLength(commandsBefore);
    expect(await auditRows()).toHaveLength(auditBefore);
    return response.body.details[0].problem;
  }

  it('publishes exactly one command and writes one audit row when a queue is excluded', async () => {
    const expiresAt = new Date(Date.now() + 3_600_000);
    const before = Date.now();
    const response = await request(http)
      .put('/api/v1/queues/cern-q1/override')
      .set(operator())
      .set('X-Request-ID', 'req-override-1')
      .send({ mode: 'exclude', reason: 'SE down, GGUS #12345', expiresAt: expiresAt.toISOString() })
      .expect(202);

    expect(response.body).toEqual({
      requestId: expect.stringMatching(UUID),
      queueId: 'cern-q1',
      mode: 'exclude',
      reason: 'SE down, GGUS #12345',
      expiresAt: expiresAt.toISOString(),
    });
    const { requestId } = response.body;

    const published = await commands();
    expect(published).toHaveLength(1);
    const [{ subject, headers, command }] = published;
    expect(subject).toBe(COMMAND_SUBJECT);
    expect(headers['Nats-Msg-Id']).toBe(`${requestId}.override-requested`);
    expect(command).toMatchObject({
      requestId,
      queueId: 'cern-q1',
      mode: OverrideMode.EXCLUDE,
      reason: 'SE down, GGUS #12345',
      actor: 'test-operator',
    });
    expect(timestampDate(command.expiresAt!).toISOString()).toBe(expiresAt.toISOString());
    const requestedAt = timestampDate(command.requestedAt!).getTime();
    expect(requestedAt).toBeGreaterThanOrEqual(before - 1);
    expect(requestedAt).toBeLessThanOrEqual(Date.now());

    expect(await auditRows()).toEqual([
      {
        actor: 'test-operator',
        action: 'queue.override-requested',
        target: 'queue:cern-q1',
        details: {
          overrideRequestId: requestId,
          mode: 'exclude',
          reason: 'SE down, GGUS #12345',
          expiresAt: expiresAt.toISOString(),
          identity: { id: expect.any(String), role: 'operator', via: 'api-token' },
        },
        requestId: 'req-override-1',
      },
    ]);
  });

  it('clears without a reason', async () => {
    const response = await request(http)
      .put('/api/v1/queues/bnl-q2/override')
      .set(operator())
      .send({ mode: 'clear' })
      .expect(202);
    expect(response.body).toMatchObject({ queueId: 'bnl-q2', mode: 'clear', reason: null, expiresAt: null });

    const mine = (await commands()).filter((m) => m.command.requestId === response.body.requestId);
    expect(mine).toHaveLength(1);
    expect(mine[0].command).toMatchObject({
      queueId: 'bnl-q2',
      mode: OverrideMode.CLEAR,
      reason: '',
      actor: 'test-operator',
    });
    expect(mine[0].command.expiresAt).toBeUndefined();
    const audit = await auditRows();
    expect(audit[audit.length - 1]).toMatchObject({ actor: 'test-operator', target: 'queue:bnl-q2' });
  });

  it('keeps a queue online without an expiry when asked', async () => {
    const response = await request(http)
      .put('/api/v1/queues/bnl-q1/override')
      .set(operator())
      .send({ mode: 'online', reason: 'known flaky monitoring' })
      .expect(202);
    const [mine] = (await commands()).filter((m) => m.command.requestId === response.body.requestId);
    expect(mine.command.mode).toBe(OverrideMode.ONLINE);
    expect(mine.command.expiresAt).toBeUndefined();
  });

  it('answers 404 JSON and publishes nothing when the queue does not exist', async () => {
    const before = (await commands()).length;
    const response = await request(http)
      .put('/api/v1/queues/nowhere-q9/override')
      .set(operator())
      .send({ mode: 'exclude', reason: 'x' })
      .expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'QUEUE_NOT_FOUND', details: [{ field: 'id' }] });
    expect(await commands()).toHaveLength(before);
  });

  it('refuses an unknown mode, naming mode and the allowed values', async () => {
    const problem = await expectRefused({ mode: 'banish', reason: 'x' }, 'mode');
    expect(problem).toContain('exclude, online, clear');
    await expectRefused({ reason: 'no mode' }, 'mode');
  });

  it('refuses a missing, blank, too long or non-string reason unless the mode is clear', async () => {
    expect(await expectRefused({ mode: 'exclude' }, 'reason')).toBe('is required');
    expect(await expectRefused({ mode: 'online', reason: '   ' }, 'reason')).toBe('must not be blank');
    expect(await expectRefused({ mode: 'exclude', reason: 'x'.repeat(501) }, 'reason')).toContain('500');
    expect(await expectRefused({ mode: 'exclude', reason: 42 }, 'reason')).toBe('must be a string');
    expect(await expectRefused({ mode: 'clear', reason: '' }, 'reason')).toBe('must not be blank');
  });

  it('refuses an expiry in the past, without a zone, or together with clear', async () => {
    const past = new Date(Date.now() - 1000).toISOString();
    expect(await expectRefused({ mode: 'exclude', reason: 'x', expiresAt: past }, 'expiresAt')).toBe(
      'must be in the future',
    );
    expect(await expectRefused({ mode: 'exclude', reason: 'x', expiresAt: '2099-01-01T10:00' }, 'expiresAt')).toContain(
      'ISO-8601',
    );
    expect(
      await expectRefused({ mode: 'exclude', reason: 'x', expiresAt: '2099-02-30T10:00:00Z' }, 'expiresAt'),
    ).toContain('ISO-8601');
    expect(await expectRefused({ mode: 'clear', expiresAt: '2099-01-01T00:00:00Z' }, 'expiresAt')).toBe(
      'must not be given when mode is clear',
    );
  });

  it('refuses an unknown body field, a body that is no object, and a bad queue id', async () => {
    expect(await expectRefused({ mode: 'exclude', reason: 'x', colour: 'red' }, 'colour')).toBe(
      'is not an allowed property',
    );
    const array = await request(http)
      .put('/api/v1/queues/cern-q1/override')
      .set(operator())
      .send([{ mode: 'clear' }])
      .expect(400);
    expect(array.body.details[0].field).toBe('body');
    expect(await expectRefused({ mode: 'clear' }, 'id', 'bad.id')).toContain('letters, digits');
  });

  it('is refused to a viewer, publishing nothing', async () => {
    const before = (await commands()).length;
    const response = await request(http)
      .put('/api/v1/queues/cern-q1/override')
      .set(gateway.auth('viewer'))
      .send({ mode: 'clear' })
      .expect(403);
    expect(response.body.code).toBe('FORBIDDEN');
    expect(await commands()).toHaveLength(before);
  });

  describe('DELETE /api/v1/queues/:id/override', () => {
    it('publishes one clear command without a reason, audited once', async () => {
      const auditBefore = (await auditRows()).length;
      const response = await request(http).delete('/api/v1/queues/cern-q2/override').set(operator()).expect(202);
      expect(response.body).toEqual({
        requestId: expect.stringMatching(UUID),
        queueId: 'cern-q2',
        mode: 'clear',
        reason: null,
        expiresAt: null,
      });
      const mine = (await commands()).filter((m) => m.command.requestId === response.body.requestId);
      expect(mine).toHaveLength(1);
      expect(mine[0].command).toMatchObject({ queueId: 'cern-q2', mode: OverrideMode.CLEAR, actor: 'test-operator' });
      const audit = await auditRows();
      expect(audit).toHaveLength(auditBefore + 1);
      expect(audit[audit.length - 1]).toMatchObject({
        action: 'queue.override-requested',
        target: 'queue:cern-q2',
        details: { mode: 'clear', reason: null },
      });
    });

    it('answers 404 for an unknown queue, 403 to a viewer, and publishes nothing', async () => {
      const before = (await commands()).length;
      const unknown = await request(http).delete('/api/v1/queues/nowhere-q9/override').set(operator()).expect(404);
      expect(unknown.body.code).toBe('QUEUE_NOT_FOUND');
      await request(http).delete('/api/v1/queues/cern-q2/override').set(gateway.auth('viewer')).expect(403);
      expect(await commands()).toHaveLength(before);
    });
  });

  describe('GET /api/v1/overrides', () => {
    beforeAll(async () => {
      // What the decider leaves after applying overrides: the manual status and its decisions (the older first).
      const db = gateway.db.dataSource;
      await db.query(
        `UPDATE queues SET status = 'excluded', status_source = 'manual', status_set_by = 'bob',
                           status_since = '2030-01-05T10:00:00Z'
          WHERE id = 'cern-q2'`,
      );
      await db.query(
        `INSERT INTO decisions (id, queue_id, action, source, reason, evidence, enforced, actor, decided_at) VALUES
           ('00000000-0000-4000-8000-0000000000d1', 'cern-q2', 'override', 'manual', 'flaky monitoring',
            '{"mode": "online", "status": "online"}', true, 'bob', '2030-01-04T10:00:00Z'),
           ('00000000-0000-4000-8000-0000000000d2', 'cern-q2', 'override', 'manual', 'SE down',
            '{"mode": "exclude", "status": "excluded", "expiresAt": "2030-01-06T00:00:00.000Z"}', true, 'bob',
            '2030-01-05T10:00:00Z')`,
      );
    });

    it('lists the queues under a manual override with the latest override decision', async () => {
      const response = await request(http).get('/api/v1/overrides').set(gateway.auth('viewer')).expect(200);
      expect(response.body).toEqual({
        items: [
          {
            queueId: 'bnl-q2',
            siteId: 'BNL',
            status: 'offline',
            mode: null,
            reason: null,
            setBy: 'alice',
            since: expect.any(String),
            expiresAt: null,
            decisionId: null,
          },
          {
            queueId: 'cern-q2',
            siteId: 'CERN',
            status: 'excluded',
            mode: 'exclude',
            reason: 'SE down',
            setBy: 'bob',
            since: '2030-01-05T10:00:00.000Z',
            expiresAt: '2030-01-06T00:00:00.000Z',
            decisionId: '00000000-0000-4000-8000-0000000000d2',
          },
        ],
        total: 2,
        limit: 50,
        offset: 0,
      });
    });

    it('filters on site and pages; refuses a bad site', async () => {
      const cern = await request(http).get('/api/v1/overrides?site=CERN').set(gateway.auth('viewer')).expect(200);
      expect(cern.body).toMatchObject({ items: [{ queueId: 'cern-q2' }], total: 1 });
      const page = await request(http)
        .get('/api/v1/overrides?limit=1&offset=1')
        .set(gateway.auth('viewer'))
        .expect(200);
      expect(page.body).toMatchObject({ items: [{ queueId: 'cern-q2' }], total: 2, limit: 1, offset: 1 });
      const bad = await request(http).get('/api/v1/overrides?site=a.b').set(gateway.auth('viewer')).expect(400);
      expect(bad.body.details[0].field).toBe('site');
    });
  });

  // Last: it deletes the stream (and provisions it again).
  it('answers 503 and leaves no audit row when the command cannot be published', async () => {
    const bus = gateway.bus.bus;
    const auditBefore = await auditRows();
    await bus.jsm.streams.delete(bus.namespace.stream(STREAMS.DECISIONS.name));
    try {
      const response = await request(http)
        .put('/api/v1/queues/cern-q1/override')
        .set(operator())
        .send({ mode: 'exclude', reason: 'bus down' })
        .expect(503);
      expect(response.body).toMatchObject({ statusCode: 503, code: 'COMMAND_NOT_PUBLISHED', details: [] });
      expect(await auditRows()).toEqual(auditBefore);
    } finally {
      await provisionStreams(bus, TEST_BUS_SETTINGS);
    }
    await request(http).put('/api/v1/queues/cern-q1/override').set(operator()).send({ mode: 'clear' }).expect(202);
    expect(await commands()).toHaveLength(1);
  });
});
