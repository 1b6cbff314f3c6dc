import fc from 'fast-check';
import { rawLineDocument } from '../raw-line-document.util';
import { haproxyAccessDocument } from './haproxy-access-document.util';
import {
  HAPROXY_BAD_REQUEST_LINE,
  HAPROXY_GET_LINE,
  HAPROXY_POST_LINE,
  HAPROXY_SERVER_DOWN_LINE,
} from './haproxy-samples.fixture';

const RECEIVED = new Date('2026-11-24T02:16:22.000Z');

/** An access line as haproxy.cfg's log-format writes it, with `fields` replaced. */
function accessLine(
  fields: Record<string, unknown> = {},
  header = '<134>1 2026-11-24T02:16:21.830437+00:00 lb-1 haproxy 11880 - -',
): string {
  const json = {
    time: '24/Nov/2026:02:16:21.827',
    request_id: 'req-1',
    idempotency_key: '-',
    client: '10.1.2.3:40000',
    frontend: 'api',
    backend: 'gateways',
    server: 'gateway-a',
    method: 'GET',
    uri: '/api/v1/tests',
    status: 200,
    bytes_in: 100,
    bytes_out: 200,
    TR: 1,
    Tw: 0,
    Tc: 0,
    Tr: 5,
    Ta: 6,
    retries: '0',
    termination: '----',
    conns: { active: 1, frontend: 1, backend: 1, server: 1 },
    queue: { server: 0, backend: 0 },
    ...fields,
  };
  return `${header} ${JSON.stringify(json)}`;
}

describe('haproxyAccessDocument', () => {
  it('maps a real HAProxy access line to flat ECS-style fields', () => {
    expect(haproxyAccessDocument(HAPROXY_POST_LINE, RECEIVED)).toEqual({
      '@timestamp': '2026-11-24T02:16:21.830Z',
      'service.name': 'haproxy',
      'event.dataset': 'haproxy.access',
      message: 'POST /api/v1/tests 200',
      'http.request.id': 'req-123',
      'http.request.method': 'POST',
      'url.original': '/api/v1/tests?x=1&y=%22a%22',
      'url.path': '/api/v1/tests',
      'url.query': 'x=1&y=%22a%22',
      'http.response.status_code': 200,
      'http.request.bytes': 141,
      'http.response.bytes': 141,
      'event.duration': 2_000_000,
      'client.ip': '127.0.0.1',
      'client.port': 57038,
      'haproxy.frontend': 'api',
      'haproxy.backend': 'gateways',
      'haproxy.server': 'gateway-a',
      'haproxy.retries': '0',
      'haproxy.termination_state': '----',
      'haproxy.idempotency_key': 'k-1"\\x',
      'haproxy.timers.TR': 0,
      'haproxy.timers.Tw': 0,
      'haproxy.timers.Tc': 0,
      'haproxy.timers.Tr': 2,
      'haproxy.timers.Ta': 2,
      'log.level': 'info',
      'log.syslog.facility.name': 'local0',
      'log.syslog.severity.name': 'informational',
      'log.syslog.appname': 'haproxy',
      'log.syslog.procid': '11880',
      'log.syslog.version': '1',
    });
  });

  it('leaves out the idempotency key and the request id when HAProxy wrote "-" (no such header)', () => {
    const document = haproxyAccessDocument(HAPROXY_GET_LINE, RECEIVED);
    expect(document).toMatchObject({
      'http.request.id': 'd8963a85-be26-4e0f-bf8e-89bf1bf902dd',
      'url.path': '/p%C3%A9',
    });
    expect(document).not.toHaveProperty('haproxy.idempotency_key');
    expect(haproxyAccessDocument(HAPROXY_BAD_REQUEST_LINE, RECEIVED)).not.toHaveProperty('http.request.id');
  });

  it('keeps -1 timers, and no duration, URL or request id for a request HAProxy refused', () => {
    const document = haproxyAccessDocument(HAPROXY_BAD_REQUEST_LINE, RECEIVED);
    expect(document).toMatchObject({
      message: '<BADREQ> - 400',
      'http.response.status_code': 400,
      'haproxy.server': '<NOSRV>',
      'haproxy.termination_state': 'PR--',
      'haproxy.timers.TR': -1,
      'haproxy.timers.Tr': -1,
      'haproxy.timers.Ta': 0,
      'event.duration': 0,
    });
    expect(document).not.toHaveProperty('url.original');
    expect(document).not.toHaveProperty('url.path');
    expect(haproxyAccessDocument(accessLine({ Ta: -1 }), RECEIVED)).not.toHaveProperty('event.duration');
  });

  it('keeps a redispatched retry count as HAProxy wrote it', () => {
    expect(haproxyAccessDocument(accessLine({ retries: '+1' }), RECEIVED)['haproxy.retries']).toBe('+1');
  });

  it('reads the host name HAProxy sends with log-send-hostname', () => {
    expect(haproxyAccessDocument(accessLine(), RECEIVED)).toMatchObject({
      'host.name': 'lb-1',
      'log.syslog.hostname': 'lb-1',
    });
  });

  it('splits the client address, IPv6 included, and leaves out what is not an address', () => {
    expect(haproxyAccessDocument(accessLine({ client: '::1:51234' }), RECEIVED)).toMatchObject({
      'client.ip': '::1',
      'client.port': 51234,
    });
    const unix = haproxyAccessDocument(accessLine({ client: 'unix:1' }), RECEIVED);
    expect(unix).not.toHaveProperty('client.ip');
    expect(unix['client.port']).toBe(1);
    const odd = haproxyAccessDocument(accessLine({ client: '10.0.0.1:' }), RECEIVED);
    expect(odd).not.toHaveProperty('client.ip');
    expect(odd).not.toHaveProperty('client.port');
  });

  it.each([
    ['/api/v1/tests', '/api/v1/tests', undefined],
    ['/a?', '/a', undefined],
    ['/a?b=1?c', '/a', 'b=1?c'],
    ['http://example.org/x/y?z=1', '/x/y', 'z=1'],
    ['http://example.org?z=1', '/', 'z=1'],
    ['http://example.org', '/', undefined],
    ['*', '*', undefined],
  ])('splits the URI %s into path %s and query %s', (uri, path, query) => {
    const document = haproxyAccessDocument(accessLine({ uri }), RECEIVED);
    expect(document['url.original']).toBe(uri);
    expect(document['url.path']).toBe(path);
    expect(document['url.query']).toBe(query);
  });

  it('leaves out fields of the wrong type rather than indexing them wrong', () => {
    const document = haproxyAccessDocument(accessLine({ status: '200', bytes_in: 1.5, TR: null, method: 7 }), RECEIVED);
    expect(document).not.toHaveProperty('http.response.status_code');
    expect(document).not.toHaveProperty('http.request.bytes');
    expect(document).not.toHaveProperty('haproxy.timers.TR');
    expect(document).not.toHaveProperty('http.request.method');
    expect(document.message).toBe('- /api/v1/tests -');
  });

  it('takes the time received when the syslog timestamp is nil', () => {
    expect(haproxyAccessDocument(accessLine({}, '<134>1 - - haproxy 1 - -'), RECEIVED)['@timestamp']).toBe(
      RECEIVED.toISOString(),
    );
  });

  it('maps an RFC 3164 access line too', () => {
    const line = `<134>Nov 24 02:24:58 vm haproxy[19182]: ${JSON.stringify({ request_id: 'r-3164', method: 'GET', uri: '/x', status: 204 })}`;
    expect(haproxyAccessDocument(line, RECEIVED)).toMatchObject({
      '@timestamp': new Date(2026, 10, 24, 2, 24, 58).toISOString(),
      'http.request.id': 'r-3164',
      'http.response.status_code': 204,
      'host.name': 'vm',
      'log.syslog.procid': '19182',
      message: 'GET /x 204',
    });
  });

  it("indexes HAProxy's own messages as haproxy.log, at their level", () => {
    expect(haproxyAccessDocument(HAPROXY_SERVER_DOWN_LINE, RECEIVED)).toEqual({
      '@timestamp': '2026-11-24T02:17:53.526Z',
      'service.name': 'haproxy',
      'event.dataset': 'haproxy.log',
      message: expect.stringMatching(/^Server gateways\/gateway-b is DOWN, reason: Layer4 connection problem/),
      'log.level': 'fatal',
      'log.syslog.facility.name': 'local0',
      'log.syslog.severity.name': 'alert',
      'log.syslog.appname': 'haproxy',
      'log.syslog.procid': '12927',
      'log.syslog.version': '1',
    });
  });

  describe('a line it cannot read', () => {
    it('is the flagged raw line when it is not syslog', () => {
      expect(haproxyAccessDocument('GET / 200', RECEIVED)).toEqual({
        ...rawLineDocument('GET / 200', 'haproxy', RECEIVED, 'RFC 3164: no Mmm dd hh:mm:ss timestamp'),
        'event.dataset': 'haproxy.access',
      });
    });

    it('is the flagged raw line, at its syslog time, when HAProxy cut the JSON (len 8192)', () => {
      const line = HAPROXY_POST_LINE.slice(0, 200);
      expect(haproxyAccessDocument(line, RECEIVED)).toMatchObject({
        '@timestamp': '2026-11-24T02:16:21.830Z',
        'anvil.parse_error': true,
        message: line,
        'event.original': line,
        'error.message': expect.stringMatching(/^access line is not JSON/),
      });
    });

    it('is flagged only when the message starts like JSON and is not', () => {
      expect(haproxyAccessDocument('<134>1 - - haproxy 1 - - {"a":1}', RECEIVED)).not.toHaveProperty(
        'anvil.parse_error',
      );
      expect(haproxyAccessDocument('<134>1 - - haproxy 1 - - [1]', RECEIVED)['event.dataset']).toBe('haproxy.log');
      expect(haproxyAccessDocument('<134>1 - - haproxy 1 - - {', RECEIVED)).toMatchObject({
        'anvil.parse_error': true,
      });
    });

    it('takes the current time when the time received is invalid', () => {
      const at = Date.parse(haproxyAccessDocument('x', new Date(NaN))['@timestamp'] as string);
      expect(Math.abs(at - Date.now())).toBeLessThan(60_000);
    });
  });

  describe('fuzzing', () => {
    const isDocument = (document: Record<string, unknown>): void => {
      expect(typeof document['@timestamp']).toBe('string');
      expect(new Date(document['@timestamp'] as string).toISOString()).toBe(document['@timestamp']);
      expect(document['service.name']).toBe('haproxy');
    };

    it('never throws on any text', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.date({ noInvalidDate: false }), (line, at) => {
          isDocument(haproxyAccessDocument(line, at));
        }),
        { numRuns: 2000 },
      );
    });

    it('never throws on syslog-looking lines with random parts', () => {
      const part = fc.oneof(fc.constant('-'), fc.string({ maxLength: 12 }), fc.stringMatching(/^[\x21-\x7e]{1,12}$/));
      const line = fc
        .tuple(
          fc.oneof(
            fc.integer({ min: 0, max: 200 }).map((n) => `<${n}>`),
            fc.constant(''),
            fc.string({ maxLength: 5 }),
          ),
          fc.oneof(fc.constant('1 '), fc.constant(''), fc.string({ maxLength: 3 })),
          fc.oneof(
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
            fc.constant('Nov 24 02:24:58'),
            part,
          ),
          fc.array(part, { maxLength: 6 }),
          fc.oneof(
            fc.constant('-'),
            fc.string({ maxLength: 30 }).map((s) => `[${s}]`),
          ),
          fc.oneof(
            fc.json(),
            fc.string({ maxLength: 40 }),
            fc.jsonValue().map((v) => JSON.stringify(v).slice(0, 30)),
          ),
        )
        .map(
          ([pri, version, stamp, parts, sd, message]) => `${pri}${version}${stamp} ${parts.join(' ')} ${sd} ${message}`,
        );
      fc.assert(
        fc.property(line, (text) => isDocument(haproxyAccessDocument(text, RECEIVED))),
        { numRuns: 3000 },
      );
    });

    it('never throws on real lines with bytes changed, cut or inserted', () => {
      const samples = [HAPROXY_POST_LINE, HAPROXY_GET_LINE, HAPROXY_BAD_REQUEST_LINE, HAPROXY_SERVER_DOWN_LINE];
      fc.assert(
        fc.property(
          fc.constantFrom(...samples),
          fc.array(fc.tuple(fc.nat(), fc.nat(5), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 5 }),
          (sample, edits) => {
            let line = sample;
            for (const [at, remove, insert] of edits) {
              const index = at % (line.length + 1);
              line = line.slice(0, index) + insert + line.slice(index + remove);
            }
            isDocument(haproxyAccessDocument(line, RECEIVED));
          },
        ),
        { numRuns: 3000 },
      );
    });

    it('maps every field of any access line HAProxy could write', () => {
      // `-` is HAProxy's "no such header": left out, tested above.
      const token = fc.stringMatching(/^[A-Za-z0-9_-]{1,16}$/).filter((t) => t !== '-');
      fc.assert(
        fc.property(
          token,
          fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
          fc.integer({ min: 100, max: 599 }),
          fc.integer({ min: -1, max: 100_000 }),
          fc.string({ unit: 'binary', maxLength: 40 }),
          (requestId, method, status, ta, query) => {
            const uri = `/api/v1/${requestId}?${query}`;
            const document = haproxyAccessDocument(
              accessLine({ request_id: requestId, method, status, Ta: ta, uri }),
              RECEIVED,
            );
            expect(document).toMatchObject({
              'http.request.id': requestId,
              'http.request.method': method,
              'http.response.status_code': status,
              'haproxy.timers.Ta': ta,
              'url.original': uri,
              'url.path': `/api/v1/${requestId}`,
            });
            expect(document['event.duration']).toBe(ta < 0 ? undefined : ta * 1_000_000);
            expect(document).not.toHaveProperty('anvil.parse_error');
          },
        ),
      );
    });
  });
});
