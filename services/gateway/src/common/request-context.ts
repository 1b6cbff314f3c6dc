/** Who makes a request and its id, for `audit_log`. The actor comes from X-Anvil-Actor until auth exists. */
export interface RequestContext {
  actor: string;
  requestId: string | null;
}
