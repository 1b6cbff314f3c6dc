import { plannedRequest, type RequestKind } from './request-mix';

const options = { writesPercent: 15, testIds: ['t1', 't2', 't3'], authorization: 'Bearer anvil_x' };

describe(plannedRequest.name, () => {
  it('sends each kind in its share of every 100 requests', () => {
    const counts: Record<string, number> = {};
    for (let i = 300; i < 400; i++) {
      const kind: RequestKind = plannedRequest(i, options).kind;
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
    expect(counts).toEqual({ template_create: 15, tests_list: 34, test_detail: 26, queues_list: 25 });
  });

  it('sends every write with its own Idempotency-Key and a name of its own, and expects it created', () => {
    const writes = Array.from({ length: 100 }, (_, i) => plannedRequest(i, options)).filter(
      (request) => request.kind === 'template_create',
    );
    const keys = new Set(writes.map((write) => write.headers['Idempotency-Key']));
    const names = new Set(writes.map((write) => (JSON.parse(write.body ?? '{}') as { name: string }).name));
    expect(keys.size).toBe(writes.length);
    expect(names.size).toBe(writes.length);
    expect(writes[0]).toMatchObject({ method: 'POST', path: '/api/v1/templates', expected: [200, 201] });
    expect(writes[0].headers.Authorization).toBe('Bearer anvil_x');
  });

  it('reads the detail of every test in turn', () => {
    const paths = Array.from({ length: 100 }, (_, i) => plannedRequest(i, options))
      .filter((request) => request.kind === 'test_detail')
      .map((request) => request.path);
    expect(new Set(paths)).toEqual(new Set(['/api/v1/tests/t1', '/api/v1/tests/t2', '/api/v1/tests/t3']));
  });
});
