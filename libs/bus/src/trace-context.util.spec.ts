import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { contextForPropagation, extractTraceContext, injectTraceContext } from './trace-context.util';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

describe('contextForPropagation', () => {
  it('makes a valid sampled traceparent when no SDK is registered', () => {
    const span = trace.getTracer('test').startSpan('x');
    const carrier: Record<string, string> = {};
    injectTraceContext(contextForPropagation(ROOT_CONTEXT, span), carrier);
    expect(carrier.traceparent).toMatch(TRACEPARENT);
  });

  it('keeps the trace id of the active span when there is one', () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const parent = trace.setSpanContext(ROOT_CONTEXT, {
      traceId,
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
    });
    const span = trace.getTracer('test').startSpan('x', {}, parent);
    const carrier: Record<string, string> = {};
    injectTraceContext(contextForPropagation(parent, span), carrier);
    const [, gotTraceId, gotSpanId] = TRACEPARENT.exec(carrier.traceparent) ?? [];
    expect(gotTraceId).toBe(traceId);
    expect(gotSpanId).not.toBe('b7ad6b7169203331');
  });
});

describe('extractTraceContext', () => {
  it('returns the remote span context carried by traceparent', () => {
    const ctx = extractTraceContext({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
    expect(trace.getSpanContext(ctx)).toMatchObject({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      isRemote: true,
    });
  });
  it('returns a context without span when the header is missing', () => {
    expect(trace.getSpanContext(extractTraceContext({}))).toBeUndefined();
  });
});
