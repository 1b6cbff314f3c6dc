import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One span as a service exported it, flattened for assertions. */
export interface ReceivedSpan {
  /** The `service.name` resource attribute. */
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  /** '' for a root span. */
  readonly parentSpanId: string;
  readonly name: string;
  /** OTLP span kind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  readonly kind: number;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly links: readonly { readonly traceId: string; readonly spanId: string }[];
}

export const OTLP_SPAN_KIND = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 } as const;

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
}

interface OtlpKeyValue {
  key: string;
  value?: OtlpValue;
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: number;
  attributes?: OtlpKeyValue[];
  links?: { traceId: string; spanId: string }[];
}

interface OtlpTraceRequest {
  resourceSpans?: {
    resource?: { attributes?: OtlpKeyValue[] };
    scopeSpans?: { spans?: OtlpSpan[] }[];
  }[];
}

/**
 * A minimal OTLP/HTTP trace receiver (JSON, `POST /v1/traces`), what `@opentelemetry/exporter-trace-otlp-http`
 * sends to `$OTEL_EXPORTER_OTLP_ENDPOINT/v1/traces`: it keeps every span it is sent.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  /** Requests it could not read (a wrong content type, say): a test can assert there were none. */
  readonly problems: string[] = [];

  private constructor(private readonly server: Server) {
    server.on('request', (request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.method === 'POST' && request.url === '/v1/traces') {
          this.accept(request, Buffer.concat(chunks));
        } else {
          this.problems.push(`unexpected ${request.method} ${request.url}`);
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
  }

  static async start(): Promise<OtlpReceiver> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new OtlpReceiver(server);
  }

  /** The value for OTEL_EXPORTER_OTLP_ENDPOINT. */
  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  trace(traceId: string): ReceivedSpan[] {
    return this.spans.filter((span) => span.traceId === traceId);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(request: IncomingMessage, body: Buffer): void {
    try {
      if (!String(request.headers['content-type']).startsWith('application/json')) {
        throw new Error(`content type ${request.headers['content-type']}`);
      }
      const raw = request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
      const payload = JSON.parse(raw.toString('utf8')) as OtlpTraceRequest;
      for (const resourceSpans of payload.resourceSpans ?? []) {
        const name = attributesOf(resourceSpans.resource?.attributes)['service.name'];
        const service = typeof name === 'string' ? name : '';
        for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
          for (const span of scopeSpans.spans ?? []) {
            this.spans.push({
              service,
              traceId: hexId(span.traceId),
              spanId: hexId(span.spanId),
              parentSpanId: span.parentSpanId ? hexId(span.parentSpanId) : '',
              name: span.name,
              kind: span.kind ?? 0,
              attributes: attributesOf(span.attributes),
              links: (span.links ?? []).map((link) => ({ traceId: hexId(link.traceId), spanId: hexId(link.spanId) })),
            });
          }
        }
      }
    } catch (error) {
      this.problems.push(error instanceof Error ? error.message : String(error));
    }
  }
}

function attributesOf(list: readonly OtlpKeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of list ?? []) {
    out[key] = value?.stringValue ?? value?.intValue ?? value?.doubleValue ?? value?.boolValue;
  }
  return out;
}

/** OTLP JSON carries ids as hex; some encoders use base64. */
function hexId(id: string): string {
  return /^[0-9a-f]+$/i.test(id) && (id.length === 32 || id.length === 16)
    ? id.toLowerCase()
    : Buffer.from(id, 'base64').toString('hex');
}
