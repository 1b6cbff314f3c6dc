import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { API_PREFIX } from '../common/api-prefix.constant';
import { ApiErrorBodyDto } from '../errors/api-error-body.dto';
import { ApiErrorDetailDto } from '../errors/api-error-detail.dto';
import { BEARER_AUTH } from './bearer-auth.constant';
import { withErrorResponses } from './error-responses.util';
import { withIdempotencyKey } from './idempotency-key.util';
import { OPENAPI_TAGS } from './openapi-tags.constant';

const DESCRIPTION = `Anvil's REST API: continuous functional, stress and benchmark testing of grid and HPC queues.

Authentication: \`Authorization: Bearer <token>\` with an OIDC access token of the configured issuer or an Anvil API
token (\`anvil_…\`). Roles \`viewer\` < \`operator\` < \`admin\`: reads need \`viewer\` (or nothing when the gateway
allows anonymous reads), writes \`operator\` unless an operation says \`admin\`. A POST may carry an
\`Idempotency-Key\`: a replay returns the first answer. Every error is one JSON body (\`ApiErrorBodyDto\`) that names
the field and the rule it broke.`;

/** `services/gateway/package.json`, one level above `src/` and `dist/` alike. */
function gatewayVersion(): string {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** `TestsController.list` → `testsList`: unique per document, and a readable method name in generated clients. */
function operationId(controllerKey: string, methodKey: string): string {
  const controller = controllerKey.replace(/Controller$/, '');
  return `${controller.charAt(0).toLowerCase()}${controller.slice(1)}${methodKey.charAt(0).toUpperCase()}${methodKey.slice(1)}`;
}

/**
 * The OpenAPI document of the REST API, generated from the controllers' and DTOs' decorators. Only `/api/v1`
 * is described: `/healthz`, `/readyz` and `/metrics` are for load balancers and scrapers (docs/api.md, "OpenAPI").
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Anvil API')
    .setDescription(DESCRIPTION)
    .setVersion(gatewayVersion())
    .addServer('/', 'The gateway (or the HAProxy frontend) that served this document')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'OIDC access token (JWT) or Anvil API token (anvil_…)',
        description: 'An OIDC access token from the configured issuer, or an API token minted by an admin',
      },
      BEARER_AUTH,
    )
    .addSecurityRequirements(BEARER_AUTH);
  for (const tag of OPENAPI_TAGS) {
    builder.addTag(tag.name, tag.description);
  }
  const document = SwaggerModule.createDocument(app, builder.build(), {
    extraModels: [ApiErrorBodyDto, ApiErrorDetailDto],
    operationIdFactory: operationId,
    // An untagged controller stays untagged (not filed under its class name), so the OpenAPI test catches it.
    autoTagControllers: false,
  });
  document.paths = Object.fromEntries(
    Object.entries(document.paths).filter(([path]) => path.startsWith(`/${API_PREFIX}/`)),
  );
  return withErrorResponses(withIdempotencyKey(document), getSchemaPath(ApiErrorBodyDto));
}
