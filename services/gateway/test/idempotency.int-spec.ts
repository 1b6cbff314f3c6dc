import { Controller, HttpCode, HttpStatus, Post, Put, Res } from '@nestjs/common';
import type { Response } from 'express';
import Redis from 'ioredis';
import request from 'supertest';
import type { App } from 'supertest/types';
import { REDIS } from '@anvil/db';
import { expectEventually } from '@anvil/testing';
import { RESERVATION_TTL_SECONDS } from '../src/idempotency/idempotency-reservation.constant';
import { IdempotencyStore } from '../src/idempotency/idempotency.store';
import { requestFingerprint } from '../src/idempotency/request-fingerprint.util';
import { seedGrid } from './seed-grid';
import { startGateway, type GatewayUnderTest } from './gateway-app';

const TTL_SECONDS = 600;

/** What the probe's handlers did, and gates that hold `slow` and `long` until the test opens them. */
const probe = {
  runs: { slow: 0, long: 0, flaky: 0, plain: 0, empty: 0, put: 0, located: 0 },
  started: false,
  open: (): void => undefined,
  openLong: (): void => undefined,
};

/** Writes whose runs are counted, to watch the idempotency interceptor alone. */
@Controller('api/v1/idempotency-probe')
class IdempotencyProbeController {
  @Post('slow')
  @HttpCode(HttpStatus.CREATED)
  async slow(): Promise<{ run: number }> {
    const run = ++probe.runs.slow;
    probe.started = true;
    await new Promise<void>((resolve) => (probe.open = resolve));
    return { run };
  }

  /** Like `slow`, for the test that holds it longer than a reservation's TTL. */
  @Post('long')
  @HttpCode(HttpStatus.CREATED)
  async long(): Promise<{ run: number }> {
    const run = ++probe.runs.long;
    await new Promise<void>((resolve) => (probe.openLong = resolve));
    return { run };
  }

  /** Fails (500) on its first run, then succeeds. */
  @Post('flaky')
  @HttpCode(HttpStatus.CREATED)
  flaky(): { run: number } {
    const run = ++probe.runs.flaky;
    if (run === 1) {
      throw new Error('the database went away');
    }
    return { run };
  }

  @Post('plain')
  @HttpCode(HttpStatus.CREATED)
  plain(): { run: number } {
    return { run: ++probe.runs.plain };
  }

  @Post('empty')
  @HttpCode(HttpStatus.NO_CONTENT)
  empty(): void {
    probe.runs.empty += 1;
  }

  @Put('plain')
  put(): { run: number } {
    return { run: ++probe.runs.put };
  }

  /** Answers 202 with Location and Retry-After, as `POST /api/v1/tests` does. */
  @Post('located')
  @HttpCode(HttpStatus.ACCEPTED)
  located(@Res({ passthrough: true }) response: Response): { run: number } {
    const run = ++probe.runs.located;
    response.location(`/api/v1/idempotency-probe/located/${run}`);
    response.setHeader('Retry-After', '7');
    return { run };
  }
}

const QUEUE = {
  id: 'idem-q1',
  siteId: 'CERN',
  name: 'Idempotent queue',
  backend: 'slurm',
  backendConfig: { partition: 'p' },
};

describe('Idempotency-Key on POST', () => {
  let gateway: GatewayUnderTest;
  let http: App;
  let redis: Redis;

  beforeAll(async () => {
    gateway = await startGateway({
      env: { ANVIL_IDEMPOTENCY_TTL_SECONDS: String(TTL_SECONDS) },
      controllers: [IdempotencyProbeController],
    });
    http = gateway.app.getHttpServer();
    redis = new Redis('redis://127.0.0.1:6379');
    await seedGrid(gateway.db.dataSource);
  });

  afterAll(async () => {
    redis?.disconnect();
    await gateway?.close();
  });

  const admin = () => gateway.auth('admin');
  const operator = () => gateway.auth('operator');

  const count = async (table: string, where = 'true'): Promise<number> =>
    (await gateway.db.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))[0].n;

  const postQueue = (body: object, key?: string) => {
    const call = request(http).post('/api/v1/queues').set(admin());
    return (key === undefined ? call : call.set('Idempotency-Key', key)).send(body);
  };

  describe('a replay', () => {
    it('returns the first answer without running again: one queue row, one audit row', async () => {
      const auditBefore = await count('audit_log');
      const first = await postQueue(QUEUE, 'create-idem-q1').expect(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(first.body).toMatchObject({ id: 'idem-q1', name: 'Idempotent queue' });

      // The same body with its keys in another order is the same request.
      const { backendConfig, ...rest } = QUEUE;
      const replay = await postQueue({ backendConfig, ...rest }, 'create-idem-q1').expect(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);

      expect(await count('queues', `id = 'idem-q1'`)).toBe(1);
      expect(await count('audit_log')).toBe(auditBefore + 1);
    });

    it('returns a stored 4xx as it was, body and status', async () => {
      const bad = { ...QUEUE, id: 'idem-bad', backendConfig: {} };
      const first = await postQueue(bad, 'create-idem-bad').expect(400);
      const replay = await postQueue(bad, 'create-idem-bad').expect(400);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
      expect(replay.body.details).toEqual([
        { field: 'backendConfig.partition', problem: 'is required (backend slurm)' },
      ]);
    });

    it('returns a stored answer without a body (204) as it was', async () => {
      await request(http)
        .post('/api/v1/idempotency-probe/empty')
        .set(operator())
        .set('Idempotency-Key', 'e1')
        .expect(204);
      const replay = await request(http)
        .post('/api/v1/idempotency-probe/empty')
        .set(operator())
        .set('Idempotency-Key', 'e1')
        .expect(204);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(probe.runs.empty).toBe(1);
    });

    it('sends the Location and Retry-After of the first answer again', async () => {
      const located = () =>
        request(http)
          .post('/api/v1/idempotency-probe/located')
          .set(operator())
          .set('Idempotency-Key', 'located')
          .expect(202);
      const first = await located();
      expect(first.headers).toMatchObject({ location: '/api/v1/idempotency-probe/located/1', 'retry-after': '7' });
      const replay = await located();
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.headers).toMatchObject({ location: '/api/v1/idempotency-probe/located/1', 'retry-after': '7' });
      expect(replay.body).toEqual({ run: 1 });
      expect(probe.runs.located).toBe(1);
    });

    it('keeps the answer for ANVIL_IDEMPOTENCY_TTL_SECONDS', async () => {
      await request(http)
        .post('/api/v1/idempotency-probe/plain')
        .set(operator())
        .set('Idempotency-Key', 'ttl')
        .expect(201);
      const keys = await redis.keys(`${gateway.bus.namespace}:anvil:idempotency:*`);
      expect(keys.length).toBeGreaterThan(0);
      const ttls = await Promise.all(keys.map((key) => redis.ttl(key)));
      expect(Math.max(...ttls)).toBeLessThanOrEqual(TTL_SECONDS);
      expect(Math.max(...ttls)).toBeGreaterThan(TTL_SECONDS - 30);
    });
  });

  it('answers 422 naming the key when it is used again with another body, and writes nothing', async () => {
    const before = await count('queues');
    const response = await postQueue({ ...QUEUE, name: 'Another name' }, 'create-idem-q1').expect(422);
    expect(response.body).toMatchObject({
      statusCode: 422,
      code: 'IDEMPOTENCY_KEY_REUSED',
      details: [{ field: 'Idempotency-Key', problem: 'was used with another method, path or body' }],
    });
    const otherPath = await request(http)
      .post('/api/v1/idempotency-probe/plain')
      .set(admin())
      .set('Idempotency-Key', 'create-idem-q1')
      .send(QUEUE)
      .expect(422);
    expect(otherPath.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count('queues')).toBe(before);
  });

  it('runs a request without a key as usual, every time', async () => {
    const body = { ...QUEUE, id: 'idem-nokey' };
    await postQueue(body).expect(201);
    const second = await postQueue(body).expect(409);
    expect(second.body.code).toBe('QUEUE_ID_TAKEN');
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(await count('queues', `id = 'idem-nokey'`)).toBe(1);
  });

  it('lets concurrent duplicates create one row: one 201, the other a 409 or the replay', async () => {
    const body = { ...QUEUE, id: 'idem-race' };
    const answers = await Promise.all([postQueue(body, 'race'), postQueue(body, 'race')]);
    const created = answers.filter((a) => a.status === 201 && a.headers['idempotent-replayed'] === undefined);
    const others = answers.filter((a) => !created.includes(a));
    expect(created).toHaveLength(1);
    expect(others).toHaveLength(1);
    const [other] = others;
    if (other.status === 409) {
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
    } else {
      expect(other.status).toBe(201);
      expect(other.headers['idempotent-replayed']).toBe('true');
      expect(other.body).toEqual(created[0].body);
    }
    expect(await count('queues', `id = 'idem-race'`)).toBe(1);
  });

  it('answers 409 with Retry-After while the first request runs, and its answer once it is done', async () => {
    const first = request(http).post('/api/v1/idempotency-probe/slow').set(operator()).set('Idempotency-Key', 'slow');
    const firstDone = first.then((response) => response);
    await expectEventually(() => expect(probe.started).toBe(true));
    const during = await request(http)
      .post('/api/v1/idempotency-probe/slow')
      .set(operator())
      .set('Idempotency-Key', 'slow')
      .expect(409);
    expect(during.headers['retry-after']).toBe('1');
    expect(during.body).toMatchObject({
      code: 'IDEMPOTENCY_KEY_IN_PROGRESS',
      details: [{ field: 'Idempotency-Key' }],
    });
    probe.open();
    expect((await firstDone).status).toBe(201);
    const after = await request(http)
      .post('/api/v1/idempotency-probe/slow')
      .set(operator())
      .set('Idempotency-Key', 'slow')
      .expect(201);
    expect(after.headers['idempotent-replayed']).toBe('true');
    expect(after.body).toEqual({ run: 1 });
    expect(probe.runs.slow).toBe(1);
  });

  describe('a reservation', () => {
    const plain = (key: string, body: object) =>
      request(http).post('/api/v1/idempotency-probe/plain').set(operator()).set('Idempotency-Key', key).send(body);

    /** The store's slot for `key` as the operator's, as the interceptor makes it. */
    const operatorSlot = async (key: string) => {
      const [token] = await gateway.db.dataSource.query<{ id: string }[]>(
        `SELECT id FROM api_tokens WHERE name = 'test-operator'`,
      );
      return gateway.app.get(IdempotencyStore).slot(`identity:${token.id}`, key);
    };

    it('whose request died (never renewed) is free within RESERVATION_TTL_SECONDS, and the retry runs once', async () => {
      const body = { note: 'orphan' };
      const slot = await operatorSlot('orphan');
      // What a replica leaves behind when it is SIGKILLed after reserving the key: a reservation nobody renews.
      const fingerprint = requestFingerprint('POST', '/api/v1/idempotency-probe/plain', body);
      expect(await gateway.app.get(IdempotencyStore).reserve(slot, fingerprint)).toEqual({ state: 'reserved' });
      const reservedAt = Date.now();
      expect(await redis.ttl(slot.key)).toBeLessThanOrEqual(RESERVATION_TTL_SECONDS);
      const before = probe.runs.plain;

      const during = await plain('orphan', body).expect(409);
      expect(during.body.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
      const retried = await expectEventually(
        async () => {
          const response = await plain('orphan', body);
          expect(response.status).toBe(201);
          return response;
        },
        { timeoutMs: (RESERVATION_TTL_SECONDS + 2) * 1000, intervalMs: 250 },
      );
      expect(Date.now() - reservedAt).toBeGreaterThanOrEqual((RESERVATION_TTL_SECONDS - 1) * 1000);
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
      expect(probe.runs.plain).toBe(before + 1);

      const replayed = await plain('orphan', body).expect(201);
      expect(replayed.headers['idempotent-replayed']).toBe('true');
      expect(replayed.body).toEqual(retried.body);
      expect(probe.runs.plain).toBe(before + 1);
    }, 30_000);

    it('of a request that runs longer than RESERVATION_TTL_SECONDS is kept: a duplicate meanwhile gets a 409', async () => {
      const long = () =>
        request(http).post('/api/v1/idempotency-probe/long').set(operator()).set('Idempotency-Key', 'long');
      const firstDone = long().then((response) => response);
      await expectEventually(() => expect(probe.runs.long).toBe(1));
      const until = Date.now() + (RESERVATION_TTL_SECONDS + 2) * 1000;
      let duplicates = 0;
      while (Date.now() < until) {
        const during = await long();
        expect(during.status).toBe(409);
        expect(during.body.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
        duplicates += 1;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(duplicates).toBeGreaterThan(RESERVATION_TTL_SECONDS);

      probe.openLong();
      const first = await firstDone;
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ run: 1 });
      const after = await long().expect(201);
      expect(after.headers['idempotent-replayed']).toBe('true');
      expect(after.body).toEqual({ run: 1 });
      expect(probe.runs.long).toBe(1);
      // The answer is kept for ANVIL_IDEMPOTENCY_TTL_SECONDS, not cut short by a late renewal.
      expect(await redis.ttl((await operatorSlot('long')).key)).toBeGreaterThan(TTL_SECONDS - 30);
    }, 30_000);

    it("is renewed and ended by its own request only: another request's entry is never touched", async () => {
      const store = gateway.app.get(IdempotencyStore);
      const lapsed = await operatorSlot('taken');
      const taker = { ...lapsed, owner: 'the-request-that-took-the-key' };
      await store.reserve(lapsed, 'fp');
      // The first reservation lapses (its event loop stalled past the TTL); another request takes the key.
      await redis.del(lapsed.key);
      expect(await store.reserve(taker, 'fp')).toEqual({ state: 'reserved' });

      expect(await store.renew(lapsed, 'fp')).toBe(false);
      expect(await store.complete(lapsed, 'fp', 201, { from: 'lapsed' })).toBe('taken');
      expect(await store.release(lapsed)).toBe('taken');
      expect(await store.reserve(lapsed, 'fp')).toEqual({ state: 'running', fingerprint: 'fp' });

      expect(await store.renew(taker, 'fp')).toBe(true);
      expect(await store.complete(taker, 'fp', 201, { from: 'taker' })).toBe('owned');
      // Neither a late renewal nor the lapsed request's answer shortens or replaces the stored one.
      expect(await store.renew(taker, 'fp')).toBe(false);
      expect(await store.complete(lapsed, 'fp', 201, { from: 'lapsed' })).toBe('taken');
      expect(await store.reserve(lapsed, 'fp')).toEqual({
        state: 'done',
        fingerprint: 'fp',
        status: 201,
        body: { from: 'taker' },
        headers: {},
      });
      expect(await redis.ttl(lapsed.key)).toBeGreaterThan(TTL_SECONDS - 30);
    });

    it('whose request outlived it with nobody taking the key still gets its answer stored', async () => {
      const store = gateway.app.get(IdempotencyStore);
      const slot = await operatorSlot('lapsed');
      await store.reserve(slot, 'fp');
      await redis.del(slot.key);
      expect(await store.renew(slot, 'fp')).toBe(false);
      expect(await store.complete(slot, 'fp', 201, { ok: true })).toBe('lapsed');
      expect(await store.reserve(slot, 'fp')).toMatchObject({ state: 'done', body: { ok: true } });
    });
  });

  it('frees the key after a 5xx, so the retry runs again', async () => {
    const flaky = () =>
      request(http).post('/api/v1/idempotency-probe/flaky').set(operator()).set('Idempotency-Key', 'flaky');
    const failed = await flaky().expect(500);
    expect(failed.body.code).toBe('INTERNAL');
    const retried = await flaky().expect(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(retried.body).toEqual({ run: 2 });
    const replayed = await flaky().expect(201);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(probe.runs.flaky).toBe(2);
  });

  it('keeps keys per identity: the same key from two callers runs twice', async () => {
    const before = probe.runs.plain;
    const asOperator = await request(http)
      .post('/api/v1/idempotency-probe/plain')
      .set(operator())
      .set('Idempotency-Key', 'shared')
      .expect(201);
    const asAdmin = await request(http)
      .post('/api/v1/idempotency-probe/plain')
      .set(admin())
      .set('Idempotency-Key', 'shared')
      .expect(201);
    expect(asAdmin.headers['idempotent-replayed']).toBeUndefined();
    expect(asAdmin.body.run).toBe(asOperator.body.run + 1);
    expect(probe.runs.plain).toBe(before + 2);
  });

  it('applies to POST only: a PUT with a key runs every time', async () => {
    for (let i = 0; i < 2; i++) {
      const response = await request(http)
        .put('/api/v1/idempotency-probe/plain')
        .set(operator())
        .set('Idempotency-Key', 'put')
        .expect(200);
      expect(response.headers['idempotent-replayed']).toBeUndefined();
    }
    expect(probe.runs.put).toBe(2);
  });

  it('refuses a key on a route whose answer holds a secret (a new API token): 400, nothing stored, nothing made', async () => {
    const keysBefore = (await redis.keys(`${gateway.bus.namespace}:anvil:idempotency:*`)).sort();
    const response = await request(http)
      .post('/api/v1/tokens')
      .set(admin())
      .set('Idempotency-Key', 'token-1')
      .send({ name: 'idem-token', role: 'viewer' })
      .expect(400);
    expect(response.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [
        {
          field: 'Idempotency-Key',
          problem: 'is not accepted here: the answer holds the new token, which is shown once and never stored',
        },
      ],
    });
    expect(JSON.stringify(response.body)).not.toContain('anvil_');
    expect((await redis.keys(`${gateway.bus.namespace}:anvil:idempotency:*`)).sort()).toEqual(keysBefore);
    expect(await count('api_tokens', `name = 'idem-token'`)).toBe(0);
    // Without the header the route works as usual.
    await request(http).post('/api/v1/tokens').set(admin()).send({ name: 'idem-token', role: 'viewer' }).expect(201);
    expect(await count('api_tokens', `name = 'idem-token'`)).toBe(1);
  });

  it('refuses a key that is empty, too long, not printable ASCII or given twice, naming the header, and runs nothing', async () => {
    const before = probe.runs.plain;
    for (const key of ['x'.repeat(256), 'clé', ' ']) {
      const response = await request(http)
        .post('/api/v1/idempotency-probe/plain')
        .set(operator())
        .set('Idempotency-Key', key)
        .expect(400);
      expect(response.body.details).toEqual([
        { field: 'Idempotency-Key', problem: 'must be 1-255 printable ASCII characters, given once' },
      ]);
    }
    const twice = await request(http)
      .post('/api/v1/idempotency-probe/plain')
      .set(operator())
      // An array sends the header twice (supertest's types allow that for Cookie only).
      .set('Idempotency-Key', ['one', 'two'] as unknown as string)
      .expect(400);
    expect(twice.body.details[0].field).toBe('Idempotency-Key');
    expect(probe.runs.plain).toBe(before);
  });

  // Last: it disconnects the gateway's Redis client (and connects it again).
  it('refuses a request with a key (503, Retry-After) while Redis is away, and runs one without a key', async () => {
    const client = gateway.app.get<Redis>(REDIS, { strict: false });
    client.disconnect();
    try {
      const before = await count('queues');
      const withKey = await postQueue({ ...QUEUE, id: 'idem-down' }, 'down').expect(503);
      expect(withKey.body).toMatchObject({ code: 'UNAVAILABLE', details: [] });
      expect(withKey.headers['retry-after']).toBe('5');
      expect(await count('queues')).toBe(before);
      await postQueue({ ...QUEUE, id: 'idem-down' }).expect(201);
    } finally {
      await client.connect();
    }
    const again = await postQueue({ ...QUEUE, id: 'idem-up' }, 'down').expect(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
  });
});
