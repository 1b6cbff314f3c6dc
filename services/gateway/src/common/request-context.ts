/** Who makes a request (the authenticated identity's name) and the request id, for `audit_log`. */
export interface RequestContext {
  actor: string;
  requestId: string | null;
  /**
   * The `request_id` for a command this request sends: derived from the caller and its Idempotency-Key when it
   * sent one (a retry after an unknown outcome sends the same command, which JetStream deduplicates), else random.
   */
  commandRequestId: string;
}
