import { randomBytes } from 'node:crypto';
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  isSpanContextValid,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type Context,
  type Span,
  type SpanContext,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BUS_HEADERS } from './bus.constants';

const propagator = new W3CTraceContextPropagator();

/**
 * The context to propagate for a producer `span` started under `parent`. Without an OpenTelemetry SDK the span is
 * non-recording and invalid, yet every message must carry a valid `traceparent`: then a fresh sampled span context
 * is made, keeping the trace id of the active span if there is one.
 */
export function contextForPropagation(parent: Context, span: Span): Context {
  const own = span.spanContext();
  const active = trace.getSpanContext(parent);
  const hasParent = active !== undefined && isSpanContextValid(active);
  // Without an SDK the no-op tracer hands back the parent's span context: a real span has its own span id.
  if (isSpanContextValid(own) && own.spanId !== active?.spanId) {
    return trace.setSpan(parent, span);
  }
  return trace.setSpanContext(parent, {
    traceId: hasParent ? active.traceId : randomHex(16),
    spanId: randomHex(8),
    traceFlags: hasParent ? active.traceFlags : TraceFlags.SAMPLED,
    isRemote: false,
  });
}

/** Writes `traceparent` (and `tracestate`) for `ctx` into `carrier`; always writes a `traceparent`. */
export function injectTraceContext(ctx: Context, carrier: Record<string, string>): void {
  propagator.inject(ctx, carrier, defaultTextMapSetter);
  const spanContext = trace.getSpanContext(ctx);
  // The propagator writes nothing while tracing is suppressed; the header is still part of the message contract.
  if (carrier[BUS_HEADERS.traceparent] === undefined && spanContext !== undefined) {
    carrier[BUS_HEADERS.traceparent] = formatTraceparent(spanContext);
  }
}

/** The remote parent context carried by message headers (the root context when there is none). */
export function extractTraceContext(headers: Readonly<Record<string, string>>): Context {
  return propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
}

export function formatTraceparent(spanContext: SpanContext): string {
  const flags = (spanContext.traceFlags & 0xff).toString(16).padStart(2, '0');
  return `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`;
}

function randomHex(bytes: number): string {
  for (;;) {
    const hex = randomBytes(bytes).toString('hex');
    // All-zero ids are invalid in W3C trace context.
    if (!/^0+$/.test(hex)) {
      return hex;
    }
  }
}
