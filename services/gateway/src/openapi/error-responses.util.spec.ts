import type { OpenAPIObject } from '@nestjs/swagger';
import { withErrorResponses } from './error-responses.util';

const REF = '#/components/schemas/ApiErrorBodyDto';

function documentWith(paths: OpenAPIObject['paths']): OpenAPIObject {
  return { openapi: '3.0.0', info: { title: 't', version: '1' }, paths };
}

describe('withErrorResponses', () => {
  it('adds the common errors, 404 for a path parameter and 413/415 for a body, all with the error body', () => {
    const document = withErrorResponses(
      documentWith({
        '/a': { get: { responses: { '200': { description: 'ok' } } } },
        '/a/{id}': { put: { requestBody: { content: {} }, responses: { '202': { description: 'ok' } } } },
      }),
      REF,
    );

    expect(Object.keys(document.paths['/a'].get!.responses).sort()).toEqual(
      ['200', '400', '401', '403', '429', '500', '503'].sort(),
    );
    expect(Object.keys(document.paths['/a/{id}'].put!.responses)).toEqual(
      expect.arrayContaining(['404', '413', '415']),
    );
    expect(document.paths['/a'].get!.responses['401']).toMatchObject({
      content: { 'application/json': { schema: { $ref: REF } } },
    });
    expect(document.paths['/a'].get!.responses['200']).toEqual({ description: 'ok' });
  });

  it('keeps a declared error answer’s description and gives it the error body when it had no schema', () => {
    const document = withErrorResponses(
      documentWith({ '/a': { post: { responses: { '409': { description: 'name taken' } } } } }),
      REF,
    );

    expect(document.paths['/a'].post!.responses['409']).toEqual({
      description: 'name taken',
      content: { 'application/json': { schema: { $ref: REF } } },
    });
  });
});
