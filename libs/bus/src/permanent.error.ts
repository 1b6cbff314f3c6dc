import { RpcException } from '@nestjs/microservices';

/** What a `PermanentError` turns into after Nest's RPC exception filter (it keeps RpcException payloads as they are). */
export interface PermanentErrorPayload {
  readonly status: 'error';
  readonly permanent: true;
  readonly message: string;
}

/**
 * Thrown by a handler when retrying cannot help (the message contradicts the data, a referenced row is gone for good):
 * the message goes to the dead-letter subject at once, with this message as the reason.
 * It extends `RpcException` so that it survives Nest's exception filter in `@EventPattern` handlers.
 */
export class PermanentError extends RpcException {
  constructor(message: string) {
    super({ status: 'error', permanent: true, message } satisfies PermanentErrorPayload);
    this.name = 'PermanentError';
  }

  static isPayload(value: unknown): value is PermanentErrorPayload {
    return typeof value === 'object' && value !== null && (value as { permanent?: unknown }).permanent === true;
  }
}
