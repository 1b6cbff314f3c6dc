/** Stable machine-readable error codes of the REST API; `httpStatusOf` maps each to its HTTP status. */
export enum ApiErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  /** A 4xx without a more precise code (e.g. raised by the framework). */
  RequestRejected = 'REQUEST_REJECTED',
  InvalidJson = 'INVALID_JSON',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  NotFound = 'NOT_FOUND',
  TemplateNotFound = 'TEMPLATE_NOT_FOUND',
  TestNotFound = 'TEST_NOT_FOUND',
  QueueNotFound = 'QUEUE_NOT_FOUND',
  TemplateNameTaken = 'TEMPLATE_NAME_TAKEN',
  TemplateVersionNotFound = 'TEMPLATE_VERSION_NOT_FOUND',
  JobNotFound = 'JOB_NOT_FOUND',
  /** A test cannot be made from an inactive template. */
  TemplateInactive = 'TEMPLATE_INACTIVE',
  /** The test has completed or ended in error: there is nothing left to cancel. */
  TestFinished = 'TEST_FINISHED',
  SiteNotFound = 'SITE_NOT_FOUND',
  DecisionNotFound = 'DECISION_NOT_FOUND',
  OutageNotFound = 'OUTAGE_NOT_FOUND',
  PolicyNotFound = 'POLICY_NOT_FOUND',
  QueueIdTaken = 'QUEUE_ID_TAKEN',
  PolicyVersionTaken = 'POLICY_VERSION_TAKEN',
  /** The first request with this Idempotency-Key is still running. */
  IdempotencyKeyInProgress = 'IDEMPOTENCY_KEY_IN_PROGRESS',
  /** This Idempotency-Key was used with another request (method, path or body). */
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  ApiTokenNotFound = 'API_TOKEN_NOT_FOUND',
  Unauthorized = 'UNAUTHORIZED',
  Forbidden = 'FORBIDDEN',
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  Unavailable = 'UNAVAILABLE',
  /** A command could not be put on the bus; nothing was written. */
  CommandNotPublished = 'COMMAND_NOT_PUBLISHED',
  Internal = 'INTERNAL',
}
