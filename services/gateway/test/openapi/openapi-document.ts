import type { OpenAPIObject, OperationObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

export interface DocumentedOperation {
  method: string;
  path: string;
  operation: OperationObject;
}

/** Every operation of the document, as `GET /api/v1/tests`. */
export function documentedOperations(document: OpenAPIObject): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = item[method];
      return operation ? [{ method: method.toUpperCase(), path, operation }] : [];
    }),
  );
}

/** The schema a `$ref` names (`#/components/schemas/X`), or the schema itself. */
export function resolveSchema(document: OpenAPIObject, schema: SchemaObject | ReferenceObject): SchemaObject {
  if (!('$ref' in schema)) {
    return schema;
  }
  const name = schema.$ref.replace('#/components/schemas/', '');
  const resolved = document.components?.schemas?.[name];
  if (!resolved) {
    throw new Error(`${schema.$ref} is not in components.schemas`);
  }
  return resolveSchema(document, resolved);
}

/** The JSON schema of an operation's request body, if it has one. */
export function requestBodySchema(document: OpenAPIObject, operation: OperationObject): SchemaObject | undefined {
  const body = operation.requestBody;
  if (!body || '$ref' in body) {
    return undefined;
  }
  const schema = body.content['application/json']?.schema;
  return schema ? resolveSchema(document, schema) : undefined;
}
