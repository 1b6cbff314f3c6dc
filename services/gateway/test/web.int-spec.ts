import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import request from 'supertest';
import type { App } from 'supertest/types';
import { expectEventually } from '@anvil/testing';
import { startGateway, type GatewayUnderTest } from './gateway-app';

// A stand-in for services/web/dist, so these tests do not depend on the web app's own build.
const INDEX = '<!doctype html><html><head><script type="module" src="/assets/app-3f2a1b.js"></script></head></html>';
// Over 1 KiB of text: served compressed once its compressed forms are made.
const SCRIPT = `console.log(${JSON.stringify('anvil '.repeat(500))});\n`;
const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** A GET whose body is left as sent (supertest and fetch decode compressed bodies). */
async function rawGet(
  server: App,
  path: string,
  headers: Record<string, string>,
): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  const listening = server as Server;
  if (!listening.listening) {
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  }
  const { port } = listening.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

function writeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), 'anvil-web-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'app-3f2a1b.js'), SCRIPT);
  writeFileSync(join(dir, 'robots.txt'), 'User-agent: *\n');
  writeFileSync(join(dir, '.secret'), 'not served');
  return dir;
}

describe('the web UI served by the gateway', () => {
  let dist: string;
  let gateway: GatewayUnderTest;
  let http: App;

  beforeAll(async () => {
    dist = writeDist();
    gateway = await startGateway({
      env: { ANVIL_WEB_DIST: dist, ANVIL_ANONYMOUS_READS: 'false', ANVIL_RATE_LIMIT_READS_PER_MINUTE: '5' },
    });
    http = gateway.app.getHttpServer();
  });

  afterAll(async () => {
    await gateway?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('answers / with index.html, revalidated on every load, without a token though anonymous reads are off', async () => {
    const response = await request(http).get('/').set('accept', HTML).expect(200);

    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(response.headers['content-security-policy']).toBe(
      "frame-ancestors 'none'; object-src 'none'; base-uri 'self'",
    );
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.text).toBe(INDEX);
  });

  it('answers a page of the app (an SPA route) with index.html', async () => {
    for (const path of ['/tests/abc', '/queues/cern-q1', '/templates/123/edit', '/sign-in?code=x&state=y']) {
      const response = await request(http).get(path).set('accept', HTML).expect(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.text).toBe(INDEX);
    }
  });

  it('answers 304 when the browser holds the current index.html', async () => {
    const { headers } = await request(http).get('/').set('accept', HTML).expect(200);
    const again = await request(http).get('/tests/abc').set('accept', HTML).set('if-none-match', headers.etag);

    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('serves a hashed asset with its type, cached for a year', async () => {
    const response = await request(http)
      .get('/assets/app-3f2a1b.js')
      .set('accept-encoding', 'identity')
      .set('x-request-id', 'edge-42')
      .expect(200);

    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['content-length']).toBe(String(Buffer.byteLength(SCRIPT)));
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['x-request-id']).toBe('edge-42');
    expect(response.text).toBe(SCRIPT);
  });

  it('serves other files of the build, revalidated, and no dot file', async () => {
    const robots = await request(http).get('/robots.txt').set('accept', 'text/plain').expect(200);
    expect(robots.headers['cache-control']).toBe('no-cache');
    expect(robots.text).toBe('User-agent: *\n');

    const secret = await request(http).get('/.secret').set('accept', 'text/plain');
    expect(secret.status).toBe(404);
    expect(secret.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('sends text assets with brotli or gzip once compressed, as the client accepts', async () => {
    await expectEventually(async () => {
      const response = await rawGet(http, '/assets/app-3f2a1b.js', { 'accept-encoding': 'gzip, deflate, br' });
      expect(response.headers['content-encoding']).toBe('br');
      expect(response.headers.vary).toBe('Accept-Encoding');
      expect(Number(response.headers['content-length'])).toBe(response.body.length);
      expect(response.body.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 10);
      expect(brotliDecompressSync(response.body).toString()).toBe(SCRIPT);
    });
    await expectEventually(async () => {
      const response = await rawGet(http, '/assets/app-3f2a1b.js', { 'accept-encoding': 'gzip' });
      expect(response.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(response.body).toString()).toBe(SCRIPT);
    });
    const identity = await rawGet(http, '/assets/app-3f2a1b.js', { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.body.toString()).toBe(SCRIPT);
  });

  it('answers HEAD with the headers only', async () => {
    const response = await request(http).head('/tests/abc').set('accept', HTML).expect(200);

    expect(response.headers['content-length']).toBe(String(Buffer.byteLength(INDEX)));
    expect(response.text).toBeUndefined();
  });

  it('keeps the API’s JSON 404 for unknown API paths, also when the client accepts HTML', async () => {
    for (const path of ['/api/v1/x', '/api/v1/tests/abc/nothing', '/api', '/API/V1/x']) {
      const response = await request(http).get(path).set('accept', HTML);
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    }
  });

  it('answers a missing asset, a non-HTML request and a write outside the API with the JSON 404', async () => {
    const asset = await request(http).get('/assets/gone-123.js').set('accept', '*/*');
    const json = await request(http).get('/tests/abc').set('accept', 'application/json');
    const post = await request(http).post('/tests/abc').set('accept', HTML).send({});

    for (const response of [asset, json, post]) {
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    }
  });

  it('leaves health, readiness and the API to the gateway, which still wants a token for API reads', async () => {
    const health = await request(http).get('/healthz').set('accept', HTML).expect(200);
    expect(health.body).toEqual({ status: 'ok' });

    const api = await request(http).get('/api/v1/tests').set('accept', HTML);
    expect(api.status).toBe(401);
    expect(api.body).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('does not count the UI’s requests against the rate limit, which still limits API reads', async () => {
    for (let i = 0; i < 10; i++) {
      await request(http).get(`/tests/${i}`).set('accept', HTML).expect(200);
    }
    const auth = gateway.auth('viewer');
    const first = await request(http).get('/api/v1/queues').set(auth).expect(200);
    expect(first.headers['ratelimit-limit']).toBe('5');
    expect(first.headers['ratelimit-remaining']).toBe('4');
    for (let i = 0; i < 4; i++) {
      await request(http).get('/api/v1/queues').set(auth).expect(200);
    }
    await request(http).get('/api/v1/queues').set(auth).expect(429);
    await request(http).get('/assets/app-3f2a1b.js').expect(200);
  });
});

describe('the gateway without a web UI build', () => {
  let dist: string;
  let gateway: GatewayUnderTest;
  let http: App;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'anvil-web-empty-'));
    gateway = await startGateway({ env: { ANVIL_WEB_DIST: join(dist, 'dist') } });
    http = gateway.app.getHttpServer();
  });

  afterAll(async () => {
    await gateway?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('starts, answers the UI’s pages with a 503 that names the missing build, and serves the API', async () => {
    for (const path of ['/', '/tests/abc']) {
      const response = await request(http).get(path).set('accept', HTML);
      expect(response.status).toBe(503);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toMatchObject({ statusCode: 503, code: 'UNAVAILABLE' });
      expect(response.body.message).toContain('the web UI is not built');
      expect(response.body.message).toContain('index.html');
    }
    const asset = await request(http).get('/assets/app.js');
    expect(asset.status).toBe(404);
    await request(http).get('/api/v1/queues').expect(200);
  });
});
