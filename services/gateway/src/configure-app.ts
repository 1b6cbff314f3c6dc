import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { bodyDepthMiddleware } from './errors/body-depth.middleware';
import { bodyParserErrorMiddleware } from './errors/body-parser-error.middleware';
import { ApiValidationPipe } from './errors/api-validation.pipe';
import type { GatewayConfig } from './gateway.env';
import { IdempotentReplayFilter } from './idempotency/idempotent-replay.filter';
import { setupOpenApi } from './openapi/setup-openapi';
import { installWebApp } from './web/install-web-app';

/**
 * Everything the HTTP app needs beyond its modules: the web UI, body limits, validation, error bodies, OpenAPI.
 * Shared by main.ts and the integration tests so both run the same app.
 */
export function configureApp(
  app: NestExpressApplication,
  config: Pick<GatewayConfig, 'bodyLimit' | 'trustProxy' | 'webDist'>,
): void {
  app.disable('x-powered-by');
  // No ETag: a SHA-1 over every answer (6 % of a list request's CPU), and no client sends If-None-Match.
  app.set('etag', false);
  // req.ip (anonymous callers' rate-limit key) is the X-Forwarded-For client only behind these proxies.
  app.set('trust proxy', config.trustProxy.length > 0 ? config.trustProxy : false);
  // First: a page or asset of the UI is answered before any parser, guard or route.
  installWebApp(app, config.webDist);
  // Registered before Nest's defaults, which then see a JSON parser in place and add none.
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.useBodyParser('urlencoded', { limit: config.bodyLimit, extended: false });
  app.use(bodyParserErrorMiddleware(config.bodyLimit));
  app.use(bodyDepthMiddleware());
  app.useGlobalPipes(new ApiValidationPipe());
  // Nest tries global filters last registered first: the replay filter must come after the catch-all.
  app.useGlobalFilters(new ApiExceptionFilter(), new IdempotentReplayFilter());
  setupOpenApi(app);
}
