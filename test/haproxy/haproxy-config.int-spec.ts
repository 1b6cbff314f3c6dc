import { createServer, request, type Server } from 'node:http';
import { freePort, HaproxyProcess } from '@anvil/testing';

/**
 * haproxy/haproxy.cfg in a real HAProxy, in front of two small HTTP servers standing in for the gateway replicas, so
 * each rule can be made to matter: `gateway-a` drops the connection of every request to /crash without answering
 * (a replica dying mid-request), `gateway-b` answers everything.
 */
interface Replica {
  readonly server: Server;
  readonly port: number;
  /** Requests it received (probes excluded), as `METHOD path`. */
  readonly received: string[];
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

async function startReplica(name: string, crashes: boolean): Promise<Replica> {
  const port = await freePort();
  const received: string[] = [];
  const server = createServer((req, res) => {
    if (req.url === '/readyz') {
      res.end('{"status":"ready"}');
      return;
    }
    received.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => {
      if (crashes && req.url === '/crash') {
        req.socket.destroy();
        return;
      }
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ replica: name, requestId: req.headers['x-request-id'] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, port, received };
}

function send(url: string, method: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

describe('haproxy/haproxy.cfg', () => {
  let haproxy: HaproxyProcess;
  let a: Replica;
  let b: Replica;

  beforeAll(async () => {
    a = await startReplica('gateway-a', true);
    b = await startReplica('gateway-b', false);
    const [port, statsPort] = await Promise.all([freePort(), freePort()]);
    haproxy = await HaproxyProcess.start({
      port,
      statsPort,
      gatewayA: `127.0.0.1:${a.port}`,
      gatewayB: `127.0.0.1:${b.port}`,
    });
    await haproxy.waitForServer('gateway-a', 'UP', 15_000);
    await haproxy.waitForServer('gateway-b', 'UP', 15_000);
  });

  afterAll(async () => {
    await haproxy?.stop();
    await Promise.all([a, b].filter(Boolean).map((replica) => closeServer(replica.server)));
  });

  it('sets X-Request-ID when the client sent none, and keeps the one it sent', async () => {
    const generated = await send(`${haproxy.url}/api/v1/tests`, 'GET');
    expect(generated.status).toBe(200);
    expect(JSON.parse(generated.body).requestId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    const kept = await send(`${haproxy.url}/api/v1/tests`, 'GET', { 'X-Request-ID': 'from-the-client' });
    expect(JSON.parse(kept.body).requestId).toBe('from-the-client');
  });

  it('sends a request that a replica dropped to the other one when it is a read or a POST with an Idempotency-Key', async () => {
    const before = a.received.length;
    // Round robin: of four requests, about half go first to gateway-a, which drops them.
    const reads = await Promise.all([1, 2, 3, 4].map(() => send(`${haproxy.url}/crash`, 'GET')));
    const keyed = await Promise.all(
      [1, 2, 3, 4].map((i) => send(`${haproxy.url}/crash`, 'POST', { 'Idempotency-Key': `key-${i}` }, '{}')),
    );
    expect(reads.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(keyed.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect([...reads, ...keyed].every((answer) => JSON.parse(answer.body).replica === 'gateway-b')).toBe(true);
    expect(a.received.length - before).toBeGreaterThan(0);
  });

  it('does not send a PUT, PATCH or DELETE twice even with an Idempotency-Key (the gateway deduplicates POST only)', async () => {
    const before = { a: a.received.length, b: b.received.length };
    const writes = await Promise.all(
      (['PUT', 'PATCH', 'DELETE', 'PUT'] as const).map((method, i) =>
        send(`${haproxy.url}/crash`, method, { 'Idempotency-Key': `put-key-${i}` }, '{}'),
      ),
    );
    const failed = writes.filter((answer) => answer.status === 502);
    expect(failed.length).toBe(a.received.length - before.a);
    expect(failed.length).toBeGreaterThan(0);
    expect(b.received.length - before.b).toBe(writes.length - failed.length);
  });

  it('does not send a write without an Idempotency-Key twice: the client gets a 502 in the JSON error format', async () => {
    const before = { a: a.received.length, b: b.received.length };
    const writes = await Promise.all([1, 2, 3, 4].map(() => send(`${haproxy.url}/crash`, 'POST', {}, '{}')));
    const failed = writes.filter((answer) => answer.status === 502);
    expect(failed.length).toBe(a.received.length - before.a);
    expect(failed.length).toBeGreaterThan(0);
    expect(b.received.length - before.b).toBe(writes.length - failed.length);
    expect(JSON.parse(failed[0].body)).toMatchObject({ statusCode: 502, code: 'UNAVAILABLE' });
  });

  it('takes a replica that refuses connections out at once, and answers 503 in JSON when none is left', async () => {
    await closeServer(a.server);
    const answers = await Promise.all([1, 2, 3, 4].map(() => send(`${haproxy.url}/api/v1/tests`, 'GET')));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    await haproxy.waitForServer('gateway-a', 'DOWN', 5000);
    await closeServer(b.server);
    await haproxy.waitForServer('gateway-b', 'DOWN', 10_000);
    const none = await send(`${haproxy.url}/api/v1/tests`, 'GET');
    expect(none.status).toBe(503);
    expect(none.headers['content-type']).toBe('application/json');
    expect(JSON.parse(none.body)).toMatchObject({ statusCode: 503, code: 'UNAVAILABLE' });
  });
});
