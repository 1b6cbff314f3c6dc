/** One `audit_log` row: who did what to which target. */
export interface AuditEntry {
  actor: string;
  action: string;
  /** `<kind>:<id>`, e.g. `queue:cern-q1`. */
  target: string;
  details: Record<string, unknown>;
  /** The HTTP request id (X-Request-ID), to find the request in the access logs. */
  requestId: string | null;
}
