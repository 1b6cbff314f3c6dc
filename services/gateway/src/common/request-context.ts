/** Who makes a request and its id, for `audit_log`. Filled by the auth layer once it exists. */
export interface RequestContext {
  actor: string;
  requestId: string | null;
}
