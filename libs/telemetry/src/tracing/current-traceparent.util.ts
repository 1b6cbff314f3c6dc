import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import { formatTraceparent } from '@anvil/bus';

/**
 * The W3C `traceparent` of the active span, or null outside any trace: stored with work that goes on later
 * (a test the scheduler starts at its start time, a keeper's jobs), so that work joins the trace that asked for it.
 */
export function currentTraceparent(): string | null {
  const spanContext = trace.getSpanContext(context.active());
  return spanContext !== undefined && isSpanContextValid(spanContext) ? formatTraceparent(spanContext) : null;
}
