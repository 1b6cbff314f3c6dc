import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { IDEMPOTENT_REPLAYED_HEADER } from './idempotency-headers.constant';
import { IdempotentReplay } from './idempotent-replay';

/**
 * Sends the stored answer of a replayed request: its status, body and `Location`/`Retry-After` headers, and
 * `Idempotent-Replayed: true`. Registered after ApiExceptionFilter (configure-app.ts): Nest tries global filters
 * last registered first.
 */
@Catch(IdempotentReplay)
export class IdempotentReplayFilter implements ExceptionFilter<IdempotentReplay> {
  catch(replay: IdempotentReplay, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    for (const [name, value] of Object.entries(replay.headers)) {
      response.setHeader(name, value);
    }
    response.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
    response.status(replay.status);
    if (replay.body === null || replay.body === undefined) {
      response.end();
      return;
    }
    response.json(replay.body);
  }
}
