import { STATUS_CODES } from 'node:http';
import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ApiErrorCode } from './api-error-code.enum';
import type { ApiErrorBodyDto } from './api-error-body.dto';
import { ApiException } from './api.exception';
import { codeForStatus } from './code-for-status.util';
import { httpStatusOf } from './http-status-of.util';

/**
 * Every error leaves the gateway as `ApiErrorBodyDto` JSON. Unexpected errors are logged with their
 * stack and answered with a generic 500: internals never reach clients.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    // A 503 is an expected condition (draining, bus down) that the code raising it has logged with its cause.
    const expected =
      body.statusCode === 503 && (exception instanceof HttpException || exception instanceof ApiException);
    if (body.statusCode >= 500 && !expected) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    response.status(body.statusCode).json(body);
  }

  /** The body (and status) this filter answers `exception` with; the idempotency store keeps it for replays. */
  toBody(exception: unknown): ApiErrorBodyDto {
    if (exception instanceof ApiException) {
      const status = httpStatusOf(exception.code);
      return this.body(status, exception.code, exception.message, [...exception.details]);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const message = status >= 500 ? (STATUS_CODES[status] ?? 'error') : messageOf(exception);
      return this.body(status, codeForStatus(status), message, []);
    }
    return this.body(HttpStatus.INTERNAL_SERVER_ERROR, ApiErrorCode.Internal, 'internal error', []);
  }

  private body(status: number, code: string, message: string, details: ApiErrorBodyDto['details']): ApiErrorBodyDto {
    return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', code, message, details };
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') {
    return response;
  }
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') {
    return message;
  }
  if (Array.isArray(message)) {
    return message.map(String).join('; ');
  }
  return exception.message;
}
