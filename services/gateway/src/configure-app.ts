import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { bodyParserErrorMiddleware } from './errors/body-parser-error.middleware';
import { ApiValidationPipe } from './errors/api-validation.pipe';
import type { GatewayConfig } from './gateway.env';

/**
 * Everything the HTTP app needs beyond its modules: body limits, validation, error bodies.
 * Shared by main.ts and the integration tests so both run the same app.
 */
export function configureApp(app: NestExpressApplication, config: Pick<GatewayConfig, 'bodyLimit'>): void {
  app.disable('x-powered-by');
  // Registered before Nest's defaults, which then see a JSON parser in place and add none.
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.useBodyParser('urlencoded', { limit: config.bodyLimit, extended: false });
  app.use(bodyParserErrorMiddleware(config.bodyLimit));
  app.useGlobalPipes(new ApiValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
}
