/** Redis did not answer (down, not connected, slower than the store's timeout). */
export class IdempotencyStoreUnavailableException extends Error {
  constructor(cause: string) {
    super(`idempotency store unavailable: ${cause}`);
    this.name = 'IdempotencyStoreUnavailableException';
  }
}
