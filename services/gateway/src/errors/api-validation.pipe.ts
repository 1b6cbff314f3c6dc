import { Injectable, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { ApiException } from './api.exception';
import { validationDetails } from './validation-details.util';

/**
 * DTO validation for every route: unknown properties are refused, payloads become DTO instances,
 * and each field reports its first broken rule. class-validator runs a property's rules bottom-up
 * (after `@IsDefined`), so DTOs put the type check last.
 */
@Injectable()
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: true,
      exceptionFactory: (errors) => ApiException.validation(validationDetails(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // An array, a scalar or no JSON at all (another content type, an empty body) cannot be a DTO.
    if (metadata.type === 'body' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw ApiException.invalidField('body', 'must be a JSON object (Content-Type: application/json)');
    }
    return super.transform(value, metadata);
  }
}
