import { createHash } from 'node:crypto';

// Namespace of every id the decider derives (RFC 9562 name-based ids are scoped by a namespace uuid).
const DECIDER_NAMESPACE = Buffer.from('6f1c2a4e8b3d4f0a9e7c5b1d2a3f4e5d', 'hex');

/**
 * A name-based (version 5, SHA-1) uuid: the same name always gives the same id, so a decision replayed after a
 * crash gets the id it had before and `ON CONFLICT DO NOTHING` / `Nats-Msg-Id` drop the copy.
 */
export function deterministicUuid(name: string): string {
  const hash = createHash('sha1').update(DECIDER_NAMESPACE).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Id of a policy or guard decision: the engine's key under the policy that took it. */
export function decisionId(policy: { name: string; version: number }, key: string): string {
  return deterministicUuid(`decision:${policy.name}:${policy.version}:${key}`);
}

/** Id of the decision recording an override request (one per request, whatever the policy). */
export function overrideDecisionId(requestId: string): string {
  return deterministicUuid(`override:${requestId}`);
}

/** Row id (and event id) of an outage of the engine; stable across policy versions so open and close match. */
export function outageUuid(policyName: string, engineOutageId: string): string {
  return deterministicUuid(`outage:${policyName}:${engineOutageId}`);
}
