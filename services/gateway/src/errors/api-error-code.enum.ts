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
