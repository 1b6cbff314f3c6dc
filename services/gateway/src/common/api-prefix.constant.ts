/** Every API route lives under this path (health endpoints do not). */
export const API_PREFIX = 'api/v1';
