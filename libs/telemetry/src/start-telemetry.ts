import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { CoreConfig } from '@anvil/config';

let sdk: NodeSDK | undefined;

/** Keeps spans real (valid, propagated trace ids) when no exporter is configured. */
const DISCARD_SPANS: SpanProcessor = {
  onStart: () => undefined,
  onEnd: () => undefined,
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

/**
 * Starts OpenTelemetry for a service: W3C trace context, spans exported over OTLP/HTTP when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set. Call once, first thing in main.ts.
 */
export function startTelemetry(serviceName: string, config: Pick<CoreConfig, 'otlpEndpoint'>): void {
  if (sdk) {
    return;
  }
  const spanProcessor = config.otlpEndpoint
    ? new BatchSpanProcessor(new OTLPTraceExporter({ url: `${config.otlpEndpoint.replace(/\/$/, '')}/v1/traces` }))
    : DISCARD_SPANS;
  sdk = new NodeSDK({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [spanProcessor],
    logRecordProcessors: [],
    instrumentations: [],
  });
  sdk.start();
}

export async function stopTelemetry(): Promise<void> {
  await sdk?.shutdown();
  sdk = undefined;
}
