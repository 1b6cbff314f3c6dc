import { Injectable } from '@nestjs/common';
import { toBinary } from '@bufbuild/protobuf';
import { BUS_HEADERS, Publisher, type Delivery } from '@anvil/bus';
import { CONTRACTS, dlqSubject, JobStateChangedSchema, STREAMS, type JobStateChanged } from '@anvil/contracts';
import { JOB_EVENTS_DURABLE } from './jobs.constants';

/**
 * Dead-letters single events of a batch the ingester cannot store (the bus dead-letters whole batches only),
 * with the same headers as the bus's own dead letters, so the rest of the batch is stored and acked.
 */
@Injectable()
export class RejectedJobEventPublisher {
  constructor(private readonly publisher: Publisher) {}

  async deadLetter(delivery: Delivery<JobStateChanged>, reason: string): Promise<void> {
    const { [BUS_HEADERS.msgId]: originalMsgId, ...original } = delivery.headers;
    const msgId = originalMsgId ?? CONTRACTS.jobStateChanged.businessKey(delivery.message);
    await this.publisher.publishRaw(dlqSubject('ingester'), toBinary(JobStateChangedSchema, delivery.message), {
      ...original,
      [BUS_HEADERS.dlqReason]: reason.replace(/[\r\n]+/g, ' ').slice(0, 1000),
      [BUS_HEADERS.dlqSubject]: delivery.subject,
      [BUS_HEADERS.dlqStream]: STREAMS.JOBS.name,
      [BUS_HEADERS.dlqConsumer]: JOB_EVENTS_DURABLE,
      [BUS_HEADERS.dlqDeliveries]: String(delivery.deliveryCount),
      [BUS_HEADERS.dlqOriginalMsgId]: msgId,
      // Stored once even if the batch is retried and this event rejected again.
      [BUS_HEADERS.msgId]: `${STREAMS.JOBS.name}.rejected.${msgId}.${JOB_EVENTS_DURABLE}`,
    });
  }
}
