import {
  accessLogFields,
  CLIENT_CLOSED_STATUS,
  type AccessLogEnd,
  type AccessLogStart,
} from './access-log-fields.util';

const start: AccessLogStart = {
  method: 'GET',
  url: '/api/v1/tests/7?state=running&limit=5',
  startedAt: 1_000_000_000n,
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
};
const end: AccessLogEnd = {
  endedAt: 1_012_345_678n,
  aborted: false,
  headersSent: true,
  statusCode: 200,
  requestId: 'req-1',
  route: '/api/v1/tests/:id',
  clientIp: '203.0.113.7',
  userAgent: 'curl/8.5.0',
  bodyBytes: 321,
};

describe(accessLogFields.name, () => {
  it('names the request with ECS fields, its duration in nanoseconds', () => {
    expect(accessLogFields('gateway', start, end)).toEqual({
      level: 'info',
      message: 'GET /api/v1/tests/7 200',
      fields: {
        'event.dataset': 'gateway.access',
        'http.request.method': 'GET',
        'url.path': '/api/v1/tests/7',
        'url.query': 'state=running&limit=5',
        'http.route': '/api/v1/tests/:id',
        'http.response.status_code': 200,
        'event.duration': 12_345_678,
        'http.request.id': 'req-1',
        'client.ip': '203.0.113.7',
        'user_agent.original': 'curl/8.5.0',
        'http.response.body.bytes': 321,
        'trace.id': '0af7651916cd43dd8448eb211c80319c',
        'span.id': 'b7ad6b7169203331',
      },
    });
  });

  it('leaves out what is not known, and an empty query', () => {
    const { fields } = accessLogFields(
      'gateway',
      { method: 'POST', url: '/x?', startedAt: 0n },
      { endedAt: 5n, aborted: false, headersSent: true, statusCode: 201 },
    );
    expect(fields).toEqual({
      'event.dataset': 'gateway.access',
      'http.request.method': 'POST',
      'url.path': '/x',
      'http.response.status_code': 201,
      'event.duration': 5,
    });
  });

  it('is a warning for a server error', () => {
    expect(accessLogFields('gateway', start, { ...end, statusCode: 503 })).toMatchObject({
      level: 'warn',
      message: 'GET /api/v1/tests/7 503',
    });
    expect(accessLogFields('gateway', start, { ...end, statusCode: 404 }).level).toBe('info');
  });

  it(`logs ${CLIENT_CLOSED_STATUS} for a request the client gave up before any answer`, () => {
    const aborted = accessLogFields('gateway', start, { ...end, aborted: true, headersSent: false, statusCode: 200 });
    expect(aborted.fields['http.response.status_code']).toBe(499);
    expect(aborted.message).toBe('GET /api/v1/tests/7 499 (client closed the connection)');
    const cut = accessLogFields('gateway', start, { ...end, aborted: true, headersSent: true });
    expect(cut.fields['http.response.status_code']).toBe(200);
  });
});
