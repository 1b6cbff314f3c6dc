import type { JsMsg } from 'nats';
import { dlqSubject } from '@anvil/contracts';
import type { BusConnection } from './bus-connection';
import { BUS_HEADERS } from './bus.constants';
import { headersToRecord, recordToHeaders } from './headers.util';

/** Where a consumer's poison messages go and how they are labelled. */
export interface DeadLetterTarget {
  readonly service: string;
  /** Un-namespaced stream name, e.g. `ANVIL_JOBS`. */
  readonly stream: string;
  readonly consumer: string;
}

/**
 * Copies `msg` (original bytes and headers, plus the reason) to `anvil.dlq.<service>`, waits for the DLQ stream's
 * ack, and only then terminates the original, so a crash in between redelivers instead of losing it.
 * The DLQ `Nats-Msg-Id` is `<stream>.<sequence>.<consumer>`: a retried dead-lettering is stored once, while two
 * services dead-lettering the same message both keep theirs.
 */
export async function deadLetter(
  bus: BusConnection,
  target: DeadLetterTarget,
  msg: JsMsg,
  reason: string,
): Promise<void> {
  const original = headersToRecord(msg.headers);
  const headers: Record<string, string> = {
    ...original,
    [BUS_HEADERS.dlqReason]: oneLine(reason),
    [BUS_HEADERS.dlqSubject]: bus.namespace.strip(msg.subject),
    [BUS_HEADERS.dlqStream]: target.stream,
    [BUS_HEADERS.dlqConsumer]: target.consumer,
    [BUS_HEADERS.dlqDeliveries]: String(msg.info.deliveryCount),
  };
  const originalMsgId = original[BUS_HEADERS.msgId];
  if (originalMsgId !== undefined) {
    headers[BUS_HEADERS.dlqOriginalMsgId] = originalMsgId;
  }
  delete headers[BUS_HEADERS.msgId];
  await bus.js.publish(bus.namespace.subject(dlqSubject(target.service)), msg.data, {
    headers: recordToHeaders(headers),
    msgID: `${target.stream}.${msg.info.streamSequence}.${target.consumer}`,
  });
  // No reason on term(): nats-server 2.9 does not understand `+TERM <reason>` and would redeliver; it is in the headers.
  msg.term();
}

/** Header values cannot hold line breaks; keep the reason readable and bounded. */
function oneLine(reason: string): string {
  const flat = reason.replace(/[\r\n]+/g, ' ').trim();
  return flat.length > 1000 ? `${flat.slice(0, 997)}...` : flat;
}
