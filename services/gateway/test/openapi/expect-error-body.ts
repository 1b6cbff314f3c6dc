export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/**
 * Fails (with what was sent) unless `answer` is not a 5xx and, when it is a 4xx, is the gateway's JSON error
 * body for that status, with the fields named and no stack trace.
 */
export function expectNoServerError(answer: Answer, sent: string): void {
  const context = `${sent}\n→ ${answer.status} ${answer.text.slice(0, 500)}`;
  if (answer.status >= 500) {
    throw new Error(`server error for ${context}`);
  }
  if (answer.status < 400) {
    return;
  }
  if (!answer.contentType.startsWith('application/json')) {
    throw new Error(`a ${answer.status} that is not JSON (${answer.contentType}) for ${context}`);
  }
  const body = JSON.parse(answer.text) as Record<string, unknown>;
  const details = body.details as { field?: unknown; problem?: unknown }[] | undefined;
  const wellFormed =
    body.statusCode === answer.status &&
    typeof body.error === 'string' &&
    typeof body.code === 'string' &&
    typeof body.message === 'string' &&
    Array.isArray(details) &&
    details.every((d) => typeof d.field === 'string' && typeof d.problem === 'string');
  if (!wellFormed || answer.text.includes('    at ')) {
    throw new Error(`not the error body for ${context}`);
  }
}
