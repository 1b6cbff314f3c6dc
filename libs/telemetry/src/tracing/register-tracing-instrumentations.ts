import type { IncomingMessage } from 'node:http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { httpRouteOf } from './http-route.util';
import { requestPath } from './request-path.util';
import { UNTRACED_PATHS } from './untraced-paths.constant';

let registered = false;

/**
 * Patches `http` and `pg` for tracing. An instrumentation only patches modules loaded after it, so this runs
 * before anything else loads (the first import of every main.ts is `@anvil/telemetry/register`, which calls it).
 * The spans go to the global tracer provider, which `startTelemetry` sets later; until then they are no-ops.
 * Idempotent.
 */
export function registerTracingInstrumentations(): void {
  if (registered) {
    return;
  }
  registered = true;
  // Instrumentations enable themselves when constructed.
  new HttpInstrumentation({
    ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has(requestPath(request.url)),
    // A client call outside any trace (a health ping to OpenSearch) would be a trace of one span.
    requireParentforOutgoingSpans: true,
    // Called when the response ends, after Express has routed: name the span by its route, not its raw URL.
    // (A client request has no route: nothing changes for it.)
    applyCustomAttributesOnSpan: (span, request) => {
      const route = httpRouteOf(request as IncomingMessage);
      if (route !== undefined) {
        span.setAttribute('http.route', route);
        span.updateName(`${request.method ?? 'HTTP'} ${route}`);
      }
    },
  });
  new PgInstrumentation({
    // Never the query parameters (personal data, and cost): the statement text only.
    enhancedDatabaseReporting: false,
    // A query outside any trace (heartbeats, lease renewals, partition upkeep) is not worth a trace of its own.
    requireParentSpan: true,
    ignoreConnectSpans: true,
  });
}
