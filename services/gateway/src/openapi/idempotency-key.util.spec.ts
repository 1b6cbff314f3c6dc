import type { OpenAPIObject } from '@nestjs/swagger';
import { withIdempotencyKey } from './idempotency-key.util';

function documentWith(paths: OpenAPIObject['paths']): OpenAPIObject {
  return { openapi: '3.0.0', info: { title: 't', version: '1' }, paths };
}

describe('withIdempotencyKey', () => {
  it('documents the optional header, 409 and 422 on a POST and nothing on other methods', () => {
    const document = withIdempotencyKey(
      documentWith({
        '/a': {
          post: { responses: { '201': { description: 'ok' } } },
          get: { responses: { '200': { description: 'ok' } } },
        },
      }),
    );

    expect(document.paths['/a'].post!.parameters).toEqual([
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }),
    ]);
    expect(Object.keys(document.paths['/a'].post!.responses).sort()).toEqual(['201', '409', '422']);
    expect(document.paths['/a'].get).toEqual({ responses: { '200': { description: 'ok' } } });
  });

  it('keeps a header parameter and answers the controller declared', () => {
    const document = withIdempotencyKey(
      documentWith({
        '/a': {
          post: {
            parameters: [{ name: 'idempotency-key', in: 'header', description: 'own' }],
            responses: { '422': { description: 'template inactive' } },
          },
        },
      }),
    );

    expect(document.paths['/a'].post!.parameters).toHaveLength(1);
    expect(document.paths['/a'].post!.responses['422']).toEqual({ description: 'template inactive' });
  });
});
