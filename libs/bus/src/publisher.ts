import { Inject, Injectable } from '@nestjs/common';
import { toBinary, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Contract } from '@anvil/contracts';
import type { BusConnection } from './bus-connection';
import { BUS_METRICS } from './bus-metrics';
import { BUS_CONNECTION, BUS_HEADERS, PROTOBUF_CONTENT_TYPE, TRACER_NAME } from './bus.constants';
import { recordToHeaders } from './headers.util';
import { contextForPropagation, injectTraceContext } from './trace-context.util';

/**
 * Publishes checked protobuf messages to JetStream and waits for the stream's ack.
 * `Nats-Msg-Id` is the contract's business key, so a retried publish is stored once.
 */
@Injectable()
export class Publisher {
  constructor(@Inject(BUS_CONNECTION) private readonly bus: BusConnection) {}

  /** Refuses (throws, naming the fields) a message that fails `contract.check`. */
  async publish<TDesc extends DescMessage>(contract: Contract<TDesc>, message: MessageShape<TDesc>): Promise<void> {
    const problems = contract.check(message);
    if (problems.length > 0) {
      throw new Error(`refusing to publish an invalid ${contract.name} message: ${problems.join('; ')}`);
    }
    await this.publishRaw(contract.subject(message), toBinary(contract.schema, message), {
      [BUS_HEADERS.msgId]: contract.businessKey(message),
      [BUS_HEADERS.contentType]: PROTOBUF_CONTENT_TYPE,
      [BUS_HEADERS.message]: contract.schema.typeName,
    });
  }

  /**
   * Publishes bytes as they are to an un-namespaced subject (tests, replays). A `Nats-Msg-Id` in `headers` is used
   * for deduplication; a `traceparent` in `headers` is kept, otherwise one is injected.
   */
  async publishRaw(subject: string, data: Uint8Array, headers: Readonly<Record<string, string>> = {}): Promise<void> {
    const natsSubject = this.bus.namespace.subject(subject);
    const { [BUS_HEADERS.msgId]: msgId, ...carrier } = headers;
    const span = trace.getTracer(TRACER_NAME).startSpan(`publish ${subject}`, {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'nats',
        'messaging.operation.type': 'send',
        'messaging.destination.name': natsSubject,
        ...(msgId === undefined ? {} : { 'messaging.message.id': msgId }),
      },
    });
    try {
      if (carrier[BUS_HEADERS.traceparent] === undefined) {
        injectTraceContext(contextForPropagation(context.active(), span), carrier);
      }
      const ack = await this.bus.js.publish(natsSubject, data, {
        headers: recordToHeaders(carrier),
        ...(msgId === undefined ? {} : { msgID: msgId }),
      });
      span.setAttribute('messaging.nats.duplicate', ack.duplicate);
      BUS_METRICS.published(subject, true);
    } catch (error) {
      BUS_METRICS.published(subject, false);
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  }
}
