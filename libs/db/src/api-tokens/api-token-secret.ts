import { createHash, randomBytes } from 'node:crypto';

/** Every API token starts with this, so it is told apart from an OIDC JWT (and found by secret scanners). */
export const API_TOKEN_PREFIX = 'anvil_';

/** A new API token's plaintext: `anvil_` + base64url of 32 random bytes. Show it once; store only its hash. */
export function mintApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What `api_tokens.token_hash` holds: the SHA-256 of the whole plaintext, in hex. */
export function hashApiToken(plaintext: string): string {
  return createHash('sha256').update(plaintext, 'utf8').digest('hex');
}

export function looksLikeApiToken(bearer: string): boolean {
  return bearer.startsWith(API_TOKEN_PREFIX);
}
