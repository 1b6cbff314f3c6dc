/** `GET /api/v1/auth/config`: what the sign-in page offers. */
export interface AuthConfig {
  anonymousReads: boolean;
  oidc: { issuer: string; clientId: string; scopes: string[] } | null;
}

export type Role = 'anonymous' | 'viewer' | 'operator' | 'admin';

/** `GET /api/v1/me`: who the API takes the caller for. */
export interface Me {
  authenticated: boolean;
  role: Role;
  name: string | null;
}
