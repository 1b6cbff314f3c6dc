import { SetMetadata } from '@nestjs/common';

export const IDEMPOTENCY_KEY_REFUSED = 'anvil:idempotency-key-refused';

/**
 * Marks a route whose answer must never be stored for replays (it carries a secret shown once): a request with an
 * `Idempotency-Key` is refused (400 naming the header and `reason`) and does not run.
 */
export const IdempotencyKeyRefused = (reason: string) => SetMetadata(IDEMPOTENCY_KEY_REFUSED, reason);
