import { context, SpanKind, SpanStatusCode, trace, type Link } from '@opentelemetry/api';
import { TRACER_NAME } from './bus.constants';
import { errorMessage } from './decode-message.util';
import { extractTraceContext } from './trace-context.util';

export interface ConsumerSpanInput {
  readonly name: string;
  /** Headers of the message whose `traceparent` is the parent (the first of a batch). */
  readonly headers: Readonly<Record<string, string>>;
  /** Headers of the other messages of a batch: linked, not parents. */
  readonly linkedHeaders?: readonly Readonly<Record<string, string>>[];
  readonly attributes: Record<string, string | number>;
}

/** Runs `work` inside a CONSUMER span whose parent is the producer span carried by the message headers. */
export async function withConsumerSpan<T>(input: ConsumerSpanInput, work: () => Promise<T>): Promise<T> {
  const parent = extractTraceContext(input.headers);
  const links: Link[] = [];
  for (const headers of input.linkedHeaders ?? []) {
    const linked = trace.getSpanContext(extractTraceContext(headers));
    if (linked !== undefined) {
      links.push({ context: linked });
    }
  }
  const span = trace
    .getTracer(TRACER_NAME)
    .startSpan(input.name, { kind: SpanKind.CONSUMER, attributes: input.attributes, links }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), work);
  } catch (error) {
    span.recordException(error instanceof Error ? error : errorMessage(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
    throw error;
  } finally {
    span.end();
  }
}
