import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { CoreConfig } from '@anvil/config';
import { registerTracingInstrumentations } from './tracing/register-tracing-instrumentations';

let sdk: NodeSDK | undefined;

/** Keeps spans real (valid, propagated trace ids) when no exporter is configured. */
const DISCARD_SPANS: SpanProcessor = {
  onStart: () => undefined,
  onEnd: () => undefined,
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

/** A collector that does not answer must not hold up a shutdown. */
const SHUTDOWN_FLUSH_MS = 2000;

/**
 * Starts OpenTelemetry for a service: W3C trace context, the http and pg instrumentations, spans exported over
 * OTLP/HTTP (JSON, `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`) in batches when the endpoint is set. The batch
 * processor follows the OTEL_BSP_* settings, the sampler OTEL_TRACES_SAMPLER (default: always, or as the parent
 * decided). `bootstrapService` calls it; the instrumentations must be registered earlier still, by
 * `import '@anvil/telemetry/register'` as the first line of main.ts (registering them here only catches modules
 * loaded from now on).
 */
export function startTelemetry(serviceName: string, config: Pick<CoreConfig, 'otlpEndpoint'>): void {
  if (sdk) {
    return;
  }
  registerTracingInstrumentations();
  const spanProcessor = config.otlpEndpoint
    ? new BatchSpanProcessor(new OTLPTraceExporter({ url: `${config.otlpEndpoint.replace(/\/$/, '')}/v1/traces` }))
    : DISCARD_SPANS;
  sdk = new NodeSDK({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [spanProcessor],
    logRecordProcessors: [],
    // Registered by registerTracingInstrumentations, so they patch before the modules they instrument load.
    instrumentations: [],
  });
  sdk.start();
}

/** Exports the spans still buffered and stops; waits at most 2 s for the collector. */
export async function stopTelemetry(): Promise<void> {
  const stopping = sdk?.shutdown();
  sdk = undefined;
  if (stopping === undefined) {
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, SHUTDOWN_FLUSH_MS);
    timer.unref();
  });
  await Promise.race([stopping.catch(() => undefined), bound]);
  clearTimeout(timer);
}
