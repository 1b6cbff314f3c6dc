import { createServer, request, type Server } from 'node:http';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { expectEventually, freePort, HaproxyProcess, type ServiceProcess } from '@anvil/testing';
import { haproxyAccessDocument } from '../src/syslog/haproxy-access-document.util';
import { httpStatus, ShipperTestEnv } from './shipper-fixtures';
import { haproxyBatches } from './syslog-stream';

interface Answer {
  readonly status: number;
  readonly body: string;
}

function send(url: string, method: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

// haproxy/haproxy.cfg in a real HAProxy, logging over UDP to the built shipper, in front of a small HTTP server
// standing in for the gateway: each request's access line is on anvil.access.haproxy and reads back as the request.
describe('shipper syslog listener with HAProxy', () => {
  let env: ShipperTestEnv;
  let shipper: ServiceProcess;
  let haproxy: HaproxyProcess;
  let gateway: Server;
  /** X-Request-ID of each request the stand-in gateway got, by path. */
  const seen = new Map<string, string>();

  const withOutput = (error: unknown): never => {
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n\n${shipper.describe()}\nhaproxy: ${haproxy?.stderrText}`,
    );
  };

  beforeAll(async () => {
    env = await ShipperTestEnv.create();
    const syslogPort = await freePort();
    let port: number;
    ({ shipper, port } = await env.startShipper({
      ANVIL_SHIPPER_SYSLOG_UDP: `127.0.0.1:${syslogPort}`,
      ANVIL_SHIPPER_SYSLOG_TCP: '',
    }));
    await expectEventually(async () => expect(await httpStatus(port, '/readyz')).toBe(200), {
      timeoutMs: 30_000,
    }).catch(withOutput);

    const gatewayPort = await freePort();
    gateway = createServer((req, res) => {
      if (req.url === '/readyz') {
        res.end('{"status":"ready"}');
        return;
      }
      seen.set(req.url ?? '', String(req.headers['x-request-id']));
      req.resume();
      req.on('end', () => {
        res.statusCode = req.method === 'POST' ? 201 : 200;
        res.setHeader('Content-Type', 'application/json');
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => gateway.listen(gatewayPort, '127.0.0.1', resolve));
    // gateway-b has nothing listening: HAProxy marks it DOWN and logs that, one of its own messages.
    const [haproxyPort, statsPort, nothingPort] = await Promise.all([freePort(), freePort(), freePort()]);
    haproxy = await HaproxyProcess.start({
      port: haproxyPort,
      statsPort,
      gatewayA: `127.0.0.1:${gatewayPort}`,
      gatewayB: `127.0.0.1:${nothingPort}`,
      syslog: `127.0.0.1:${syslogPort}`,
    });
    await haproxy.waitForServer('gateway-a', 'UP', 15_000);
    await haproxy.waitForServer('gateway-b', 'DOWN', 15_000);
  });

  afterAll(async () => {
    await haproxy?.stop();
    if (gateway !== undefined) {
      gateway.closeAllConnections();
      await new Promise((resolve) => gateway.close(resolve));
    }
    await env?.cleanup();
  });

  /** The documents of the access lines on the bus, as the shipper's consumer makes them (at the batch's time). */
  async function accessDocuments(): Promise<Record<string, unknown>[]> {
    return (await haproxyBatches(env.testBus.bus)).flatMap((stored) =>
      stored.batch.lines.map((line) => haproxyAccessDocument(line, stored.batchedAt)),
    );
  }

  it("puts a request's access line on anvil.access.haproxy, with its request id, method and status", async () => {
    const requestId = `h3-${randomUUID()}`;
    const sentAt = Date.now();
    const answer = await send(
      `${haproxy.url}/api/v1/tests?limit=5`,
      'POST',
      {
        'X-Request-ID': requestId,
        'Idempotency-Key': 'key-1',
        'Content-Type': 'application/json',
      },
      '{"template":"t"}',
    );
    expect(answer.status).toBe(201);

    const document = await expectEventually(
      async () => {
        const found = (await accessDocuments()).filter((doc) => doc['http.request.id'] === requestId);
        expect(found).toHaveLength(1);
        return found[0];
      },
      { timeoutMs: 15_000, intervalMs: 250 },
    ).catch(withOutput);
    expect(document).toMatchObject({
      'service.name': 'haproxy',
      'event.dataset': 'haproxy.access',
      'http.request.method': 'POST',
      'http.response.status_code': 201,
      'url.original': '/api/v1/tests?limit=5',
      'url.path': '/api/v1/tests',
      'url.query': 'limit=5',
      'client.ip': '127.0.0.1',
      'haproxy.frontend': 'api',
      'haproxy.backend': 'gateways',
      'haproxy.retries': '0',
      'haproxy.termination_state': '----',
      'haproxy.idempotency_key': 'key-1',
      // log-send-hostname in haproxy.cfg.
      'host.name': hostname(),
      'log.syslog.appname': 'haproxy',
      'log.syslog.facility.name': 'local0',
      'log.syslog.severity.name': 'informational',
      message: 'POST /api/v1/tests 201',
    });
    expect(document).not.toHaveProperty('anvil.parse_error');
    expect(document['haproxy.server']).toBe('gateway-a');
    expect(document['http.request.bytes']).toBeGreaterThan(0);
    expect(document['event.duration']).toBe((document['haproxy.timers.Ta'] as number) * 1_000_000);
    // The syslog timestamp: when HAProxy logged the request.
    expect(Math.abs(Date.parse(document['@timestamp'] as string) - sentAt)).toBeLessThan(10_000);
  });

  it('is indexed in OpenSearch as one access document, under the id <batchId>.<index in lines>', async () => {
    const requestId = `h3-${randomUUID()}`;
    expect((await send(`${haproxy.url}/api/v1/sites`, 'GET', { 'X-Request-ID': requestId })).status).toBe(200);
    const indexed = await expectEventually(
      async () => {
        const found = (await env.documents('access')).filter((doc) => doc.source['http.request.id'] === requestId);
        expect(found).toHaveLength(1);
        return found[0];
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    ).catch(withOutput);
    const stored = (await haproxyBatches(env.testBus.bus)).find((batch) =>
      batch.batch.lines.some((line) => line.includes(requestId)),
    );
    const index = stored?.batch.lines.findIndex((line) => line.includes(requestId));
    expect(indexed.id).toBe(`${stored?.batch.batchId}.${index}`);
    expect(indexed.source).toMatchObject({
      'service.name': 'haproxy',
      'http.request.method': 'GET',
      'http.response.status_code': 200,
      'url.path': '/api/v1/sites',
    });
  });

  it('carries the request id HAProxy made for a request that came without one', async () => {
    const path = `/api/v1/queues/${randomUUID()}`;
    expect((await send(`${haproxy.url}${path}`, 'GET')).status).toBe(200);
    const madeByHaproxy = seen.get(path);
    expect(madeByHaproxy).toMatch(/^[0-9a-f-]{36}$/);

    await expectEventually(
      async () => {
        const found = (await accessDocuments()).filter((doc) => doc['url.path'] === path);
        expect(found).toHaveLength(1);
        expect(found[0]).toMatchObject({
          'http.request.id': madeByHaproxy,
          'http.request.method': 'GET',
          'http.response.status_code': 200,
        });
        expect(found[0]).not.toHaveProperty('haproxy.idempotency_key');
      },
      { timeoutMs: 15_000, intervalMs: 250 },
    ).catch(withOutput);
  });

  it("also carries HAProxy's own messages, which are not access lines", async () => {
    await expectEventually(
      async () => {
        const events = (await accessDocuments()).filter((doc) => doc['event.dataset'] === 'haproxy.log');
        const down = events.find((doc) => String(doc.message).startsWith('Server gateways/gateway-b is DOWN'));
        expect(down).toMatchObject({
          'log.syslog.severity.name': 'alert',
          'log.level': 'fatal',
          'host.name': hostname(),
        });
        expect(events.filter((doc) => doc['anvil.parse_error'] !== undefined)).toEqual([]);
      },
      { timeoutMs: 15_000, intervalMs: 250 },
    ).catch(withOutput);
  });
});
