import { ROOT_CONTEXT, type Context } from '@opentelemetry/api';
import { BUS_HEADERS, extractTraceContext } from '@anvil/bus';

/**
 * The context whose (remote) parent is a stored `traceparent` (see `currentTraceparent`): spans started in it
 * belong to that trace. The root context for null or a malformed value.
 */
export function traceparentContext(traceparent: string | null | undefined): Context {
  return traceparent ? extractTraceContext({ [BUS_HEADERS.traceparent]: traceparent }) : ROOT_CONTEXT;
}
