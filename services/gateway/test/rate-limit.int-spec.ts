import request from 'supertest';
import type { App } from 'supertest/types';
import { expectEventually } from '@anvil/testing';
import { startGateway, type GatewayUnderTest } from './gateway-app';

const READ = '/api/v1/outages';
// An operator write that passes the guards and then answers 404 (no such queue): it still counts.
const WRITE = '/api/v1/queues/nowhere-q9/override';
const READS_PER_MINUTE = 120;
const WRITES_PER_MINUTE = 60;

type Send = () => request.Test;

/** Sends until the first 429 (at most `max` requests); returns how many were let through and the 429. */
async function exhaust(send: Send, max: number): Promise<{ passed: number; refused: request.Response }> {
  for (let passed = 0; passed < max; passed++) {
    const response = await send();
    if (response.status === 429) {
      return { passed, refused: response };
    }
  }
  throw new Error(`no 429 after ${max} requests`);
}

describe('rate limits', () => {
  let gateway: GatewayUnderTest;
  let http: App;

  beforeAll(async () => {
    gateway = await startGateway({
      env: {
        ANVIL_RATE_LIMIT_READS_PER_MINUTE: String(READS_PER_MINUTE),
        ANVIL_RATE_LIMIT_WRITES_PER_MINUTE: String(WRITES_PER_MINUTE),
      },
    });
    http = gateway.app.getHttpServer();
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('counts down in RateLimit-* headers, answers 429 with Retry-After when the bucket is empty, and recovers', async () => {
    const first = await request(http).get(READ).set(gateway.auth('viewer')).expect(200);
    expect(first.headers).toMatchObject({
      'ratelimit-limit': String(READS_PER_MINUTE),
      'ratelimit-remaining': String(READS_PER_MINUTE - 1),
      'ratelimit-policy': `${READS_PER_MINUTE};w=60`,
    });
    expect(Number(first.headers['ratelimit-reset'])).toBeGreaterThanOrEqual(1);

    const { passed, refused } = await exhaust(() => request(http).get(READ).set(gateway.auth('viewer')), 400);
    // The bucket holds 120 and refills 2 per second while the loop runs.
    expect(passed).toBeGreaterThanOrEqual(READS_PER_MINUTE - 1);
    expect(passed).toBeLessThan(READS_PER_MINUTE + 40);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', code: 'TOO_MANY_REQUESTS' });
    expect(refused.body.message).toMatch(/^more than 120 reads per minute from test-viewer; retry in 1 s$/);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.headers['ratelimit-remaining']).toBe('0');

    // One token comes back every 0.5 s: well within a few seconds, even on a loaded machine.
    await expectEventually(() => request(http).get(READ).set(gateway.auth('viewer')).expect(200), {
      timeoutMs: 5000,
      intervalMs: 50,
    });
  });

  it('keeps a bucket per identity, and reads apart from writes', async () => {
    await exhaust(() => request(http).get(READ).set(gateway.auth('operator')), 400);
    await request(http).get(READ).set(gateway.auth('admin')).expect(200);
    await request(http).put(WRITE).set(gateway.auth('operator')).send({ mode: 'clear' }).expect(404);

    const { passed, refused } = await exhaust(
      () => request(http).put(WRITE).set(gateway.auth('operator')).send({ mode: 'clear' }),
      200,
    );
    expect(passed).toBeGreaterThanOrEqual(WRITES_PER_MINUTE - 2);
    expect(refused.headers['ratelimit-limit']).toBe(String(WRITES_PER_MINUTE));
  });

  it('keys anonymous readers by client address, from X-Forwarded-For of a trusted (loopback) proxy', async () => {
    const from = (address: string) => () => request(http).get(READ).set('X-Forwarded-For', address);
    const { refused } = await exhaust(from('203.0.113.7'), 400);
    expect(refused.body.message).toContain('from anonymous');
    await from('203.0.113.8')().expect(200);
  });

  it('never limits health checks', async () => {
    const { refused } = await exhaust(() => request(http).get(READ).set(gateway.auth('viewer')), 400);
    expect(refused.status).toBe(429);
    await request(http).get('/healthz').expect(200);
    await request(http).get('/readyz').expect(200);
  });

  describe('with ANVIL_GATEWAY_TRUST_PROXY=none', () => {
    let direct: GatewayUnderTest;

    beforeAll(async () => {
      direct = await startGateway({
        env: { ANVIL_GATEWAY_TRUST_PROXY: 'none', ANVIL_RATE_LIMIT_READS_PER_MINUTE: '5' },
      });
    });

    afterAll(async () => {
      await direct?.close();
    });

    it('ignores X-Forwarded-For: a client cannot get a fresh bucket by naming another address', async () => {
      const server = direct.app.getHttpServer();
      const { passed } = await exhaust(() => request(server).get(READ).set('X-Forwarded-For', '198.51.100.1'), 50);
      expect(passed).toBeGreaterThanOrEqual(5);
      expect(passed).toBeLessThanOrEqual(6);
      await request(server).get(READ).set('X-Forwarded-For', '198.51.100.2').expect(429);
    });
  });

  describe('when Redis is down', () => {
    let cacheless: GatewayUnderTest;

    beforeAll(async () => {
      // Nothing listens on port 9 on loopback.
      cacheless = await startGateway({
        env: { ANVIL_REDIS_URL: 'redis://127.0.0.1:9', ANVIL_RATE_LIMIT_READS_PER_MINUTE: '1' },
      });
    });

    afterAll(async () => {
      await cacheless?.close();
    });

    it('lets requests through uncounted', async () => {
      const server = cacheless.app.getHttpServer();
      for (let i = 0; i < 3; i++) {
        const response = await request(server).get(READ).set(cacheless.auth('viewer')).expect(200);
        expect(response.headers['ratelimit-limit']).toBeUndefined();
      }
    });
  });
});
