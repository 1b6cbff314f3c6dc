/** One field problem of the gateway's JSON error body (`details`). */
export interface ApiErrorDetail {
  field: string;
  problem: string;
}

/** The gateway's JSON error body (docs/api.md, "Errors"). */
export interface ApiErrorBody {
  statusCode: number;
  error?: string;
  code: string;
  message: string;
  details: ApiErrorDetail[];
}

/**
 * An API call that did not succeed: an HTTP error answer (its JSON body's `code`, `message`, `details`), or a request
 * that got no answer at all (`status` 0, `code` `NETWORK_ERROR`).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetail[];

  constructor(status: number, code: string, message: string, details: ApiErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The problems of one field (`details` entries whose `field` is `field` or a path under it). */
  fieldProblems(field: string): string[] {
    return this.details
      .filter((d) => d.field === field || d.field.startsWith(`${field}.`) || d.field.startsWith(`${field}[`))
      .map((d) => d.problem);
  }

  /** Builds an ApiError from a response whose body may or may not be the gateway's JSON error body. */
  static fromBody(status: number, body: unknown, fallbackMessage: string): ApiError {
    if (isErrorBody(body)) {
      return new ApiError(status, body.code, body.message, Array.isArray(body.details) ? body.details : []);
    }
    return new ApiError(status, status >= 500 ? 'INTERNAL' : 'REQUEST_REJECTED', fallbackMessage);
  }
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null) {
    return false;
  }
  const b = body as Record<string, unknown>;
  return typeof b.code === 'string' && typeof b.message === 'string';
}

/** Narrows an unknown thrown value to an ApiError (wrapping anything else). */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) {
    return err;
  }
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError(0, 'NETWORK_ERROR', message);
}
