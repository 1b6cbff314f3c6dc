import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { buildOpenApiDocument } from './build-openapi-document';
import { OPENAPI_PATHS } from './openapi-paths.constant';

/**
 * Serves the OpenAPI document (built once, now, so a broken decorator fails the start) as JSON and YAML,
 * and Swagger UI over it. Plain HTTP routes: no authentication, as the document holds no data.
 */
export function setupOpenApi(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(OPENAPI_PATHS.ui, app, document, {
    jsonDocumentUrl: OPENAPI_PATHS.json,
    yamlDocumentUrl: OPENAPI_PATHS.yaml,
    customSiteTitle: 'Anvil API',
  });
  const json = JSON.stringify(document);
  app
    .getHttpAdapter()
    .get(OPENAPI_PATHS.jsonAlias, (_request: Request, response: Response) => response.type('json').send(json));
}
