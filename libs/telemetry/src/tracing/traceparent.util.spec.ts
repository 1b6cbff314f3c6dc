import { context, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { currentTraceparent } from './current-traceparent.util';
import { traceparentContext } from './traceparent-context.util';

const SPAN = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: TraceFlags.SAMPLED,
};

describe('stored traceparents', () => {
  beforeAll(() => context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable()));
  afterAll(() => context.disable());

  it('round-trips: work resumed from a stored traceparent has the trace and the parent it was stored from', () => {
    const stored = context.with(trace.setSpanContext(ROOT_CONTEXT, SPAN), () => currentTraceparent());
    expect(stored).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(trace.getSpanContext(traceparentContext(stored))).toMatchObject({ ...SPAN, isRemote: true });
  });

  it('stores nothing outside a trace, and resumes nothing from nothing or garbage', () => {
    expect(currentTraceparent()).toBeNull();
    expect(traceparentContext(null)).toBe(ROOT_CONTEXT);
    expect(trace.getSpanContext(traceparentContext('00-not-a-trace'))).toBeUndefined();
  });
});
