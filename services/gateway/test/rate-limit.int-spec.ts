import request from 'supertest';
import type { App } from 'supertest/types';
import { startGateway, type GatewayUnderTest } from './gateway-app';

const READ = '/api/v1/outages';
// An operator write that passes the guards and then answers 404 (no such queue): it still counts.
const WRITE = '/api/v1/queues/nowhere-q9/override';
const READS_PER_MINUTE = 120;
const WRITES_PER_MINUTE = 60;

type Send = () => request.Test;

interface Exhausted {
  /** The answers let through, in order. */
  passed: request.Response[];
  /** The first 429. */
  refused: request.Response;
  /** Since `exhaust` was called. */
  seconds: number;
}

/** Sends one request after another until the first 429 (at most `max` requests). */
async function exhaust(send: Send, max: number): Promise<Exhausted> {
  const started = performance.now();
  const passed: request.Response[] = [];
  for (let sent = 0; sent < max; sent++) {
    const response = await send();
    if (response.status === 429) {
      return { passed, refused: response, seconds: (performance.now() - started) / 1000 };
    }
    passed.push(response);
  }
  throw new Error(`no 429 after ${max} requests`);
}

/**
 * What the RateLimit headers promise, however long the requests took: an answer saying `remaining: r` is followed
 * by at least r more let through (the bucket only refills meanwhile), so the last one before the 429 said 0, and
 * none says more than `limit - 1`. And a bucket lets through at most what it holds plus its refill over the time
 * the requests took. Answers without the headers went through uncounted (Redis slower than the limiter's timeout).
 */
function expectHonestCountdown(passed: request.Response[], seconds: number, limit: number): void {
  const counted = passed.flatMap((response, index) => {
    const header = response.headers['ratelimit-remaining'] as string | undefined;
    return header === undefined ? [] : [{ index, remaining: Number(header), passedAfter: passed.length - 1 - index }];
  });
  expect(counted.filter(({ remaining, passedAfter }) => remaining > passedAfter || remaining >= limit)).toEqual([]);
  expect(counted.at(-1)?.remaining).toBe(0);
  expect(counted.length).toBeLessThanOrEqual(limit + Math.ceil((seconds * limit) / 60) + 1);
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
    const started = performance.now();
    const first = await request(http).get(READ).set(gateway.auth('viewer')).expect(200);
    expect(first.headers).toMatchObject({
      'ratelimit-limit': String(READS_PER_MINUTE),
      'ratelimit-remaining': String(READS_PER_MINUTE - 1),
      'ratelimit-policy': `${READS_PER_MINUTE};w=60`,
    });
    expect(Number(first.headers['ratelimit-reset'])).toBeGreaterThanOrEqual(1);

    const { passed, refused } = await exhaust(() => request(http).get(READ).set(gateway.auth('viewer')), 400);
    const seconds = (performance.now() - started) / 1000;
    expect(passed.length).toBeGreaterThanOrEqual(READS_PER_MINUTE - 1);
    expectHonestCountdown([first, ...passed], seconds, READS_PER_MINUTE);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', code: 'TOO_MANY_REQUESTS' });
    expect(refused.body.message).toMatch(/^more than 120 reads per minute from test-viewer; retry in 1 s$/);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.headers['ratelimit-remaining']).toBe('0');

    // Retry-After holds: once it has passed (the bucket only refills meanwhile), the request goes through.
    await sleep(Number(refused.headers['retry-after']) * 1000);
    await request(http).get(READ).set(gateway.auth('viewer')).expect(200);
  });

  it('keeps a bucket per identity, and reads apart from writes', async () => {
    await exhaust(() => request(http).get(READ).set(gateway.auth('operator')), 400);
    await request(http).get(READ).set(gateway.auth('admin')).expect(200);
    const started = performance.now();
    const firstWrite = await request(http).put(WRITE).set(gateway.auth('operator')).send({ mode: 'clear' }).expect(404);

    const { passed, refused } = await exhaust(
      () => request(http).put(WRITE).set(gateway.auth('operator')).send({ mode: 'clear' }),
      200,
    );
    expect(passed.length).toBeGreaterThanOrEqual(WRITES_PER_MINUTE - 2);
    expectHonestCountdown([firstWrite, ...passed], (performance.now() - started) / 1000, WRITES_PER_MINUTE);
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
      const { passed, seconds } = await exhaust(
        () => request(server).get(READ).set('X-Forwarded-For', '198.51.100.1'),
        50,
      );
      expect(passed.length).toBeGreaterThanOrEqual(5);
      expectHonestCountdown(passed, seconds, 5);
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
