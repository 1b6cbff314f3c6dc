/** Name of the OpenAPI security scheme for OIDC access tokens and Anvil API tokens (both `Authorization: Bearer`). */
export const BEARER_AUTH = 'bearer';
