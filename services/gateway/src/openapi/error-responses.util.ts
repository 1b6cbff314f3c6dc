import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The answers every API operation may give, whatever its controller says (all have the error body). */
const EVERY_OPERATION: Record<string, string> = {
  '400':
    'A parameter, the query string or the body breaks a rule (`VALIDATION_FAILED`, `INVALID_JSON`); `details` names each field',
  '401': 'No credentials, or a token that is not valid (`UNAUTHORIZED`)',
  '403': 'The caller’s role may not do this (`FORBIDDEN`)',
  '429': 'Too many requests from this identity (`TOO_MANY_REQUESTS`)',
  '500': 'An unexpected error (`INTERNAL`); the gateway logged it, the body says nothing more',
  '503': 'The replica is draining or a server it needs is down (`UNAVAILABLE`, `COMMAND_NOT_PUBLISHED`)',
};
const WITH_PATH_PARAMETER: Record<string, string> = {
  '404': 'Nothing has this id (`NOT_FOUND`, `TEST_NOT_FOUND`, ...)',
};
const WITH_BODY: Record<string, string> = {
  '413': 'The body exceeds the gateway’s limit (`PAYLOAD_TOO_LARGE`)',
  '415': 'A charset or content encoding the gateway cannot read (`UNSUPPORTED_MEDIA_TYPE`)',
};

/**
 * Adds the error answers to every operation (a 404 where the path has a parameter, 413/415 where there is a
 * body), each with `errorSchemaRef` — the one JSON error body of ApiExceptionFilter. An error answer a
 * controller declared keeps its description and gets the schema if it had none.
 */
export function withErrorResponses(document: OpenAPIObject, errorSchemaRef: string): OpenAPIObject {
  const errorContent = { 'application/json': { schema: { $ref: errorSchemaRef } } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation: OperationObject | undefined = item[method];
      if (!operation) {
        continue;
      }
      const errors = {
        ...EVERY_OPERATION,
        ...(path.includes('{') ? WITH_PATH_PARAMETER : {}),
        ...(operation.requestBody ? WITH_BODY : {}),
      };
      for (const [status, description] of Object.entries(errors)) {
        operation.responses[status] ??= { description };
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400 && response && !('$ref' in response)) {
          response.content ??= errorContent;
        }
      }
    }
  }
  return document;
}
