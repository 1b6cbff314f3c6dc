/** Who makes a request (the authenticated identity's name) and the request id, for `audit_log`. */
export interface RequestContext {
  actor: string;
  requestId: string | null;
}
