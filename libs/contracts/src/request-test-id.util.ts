import { createHash } from 'node:crypto';

// Fixed namespace of Anvil test ids derived from request ids (a random UUID chosen once; never change it,
// or a redelivered request would create a second test).
const TEST_ID_NAMESPACE = Buffer.from('3c5f0b7e9d2a4e61a8f47b1c2d9e0f53', 'hex');

/**
 * The id of the test an `anvil.test.requested` command creates: a UUID v5 of its `request_id`. Part of the
 * command's contract: the scheduler creates the test under this id (a redelivered or republished command finds
 * it instead of creating another), and the gateway knows where the test will appear before it exists.
 */
export function requestTestId(requestId: string): string {
  return nameBasedUuid(TEST_ID_NAMESPACE, requestId);
}

// Namespace of command request ids derived from a caller's Idempotency-Key (fixed, like the one above).
const COMMAND_REQUEST_NAMESPACE = Buffer.from('8d1e4f6a2b7c4d9e9f03a5b6c7d8e9f0', 'hex');

/**
 * The `request_id` of a command sent for a caller's request that carries an Idempotency-Key: the same caller and
 * key always give the same id, so a retry after an unknown outcome (a 5xx) is deduplicated by JetStream
 * (`Nats-Msg-Id`) and, for a test, lands on the same test id.
 */
export function commandRequestId(callerId: string, idempotencyKey: string): string {
  return nameBasedUuid(COMMAND_REQUEST_NAMESPACE, `${callerId}\n${idempotencyKey}`);
}

/** A version-5 (SHA-1, name-based) UUID of `name` in `namespace`. */
function nameBasedUuid(namespace: Buffer, name: string): string {
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
