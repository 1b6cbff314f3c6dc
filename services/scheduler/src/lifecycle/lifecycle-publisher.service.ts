import { Injectable, Logger } from '@nestjs/common';
import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import { Publisher } from '@anvil/bus';
import type { Contract } from '@anvil/contracts';

/**
 * Publishes the tick's events after their commit. A failure is logged and the tick goes on: the database is
 * the truth, and submitters reconcile their assignments from it.
 */
@Injectable()
export class LifecyclePublisher {
  private readonly logger = new Logger(LifecyclePublisher.name);

  constructor(private readonly publisher: Publisher) {}

  async publish<TDesc extends DescMessage>(contract: Contract<TDesc>, message: MessageShape<TDesc>): Promise<boolean> {
    try {
      await this.publisher.publish(contract, message);
      return true;
    } catch (error) {
      this.logger.error(
        { err: error, contract: contract.name, subject: contract.subject(message) },
        'could not publish a lifecycle event; the database holds the state',
      );
      return false;
    }
  }
}
