import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { applyStatusRows } from '../decisions/queue-status.sql';
import type { QueueActuator, QueueStatusChange } from './queue-actuator';

/**
 * The built-in actuator: the queue's row in `queues` (what brokers read through the API). The decider applies
 * it inside each batch's transaction (`applyStatusRows`), together with the decision that caused it, so status
 * and decisions never disagree; `apply` is the same update on its own, for callers outside a batch.
 */
@Injectable()
export class QueueStatusActuator implements QueueActuator {
  readonly name = 'queue-status';

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  handles(): boolean {
    return true;
  }

  async apply(change: QueueStatusChange): Promise<void> {
    await applyStatusRows(this.dataSource.manager, [
      {
        queueId: change.queueId,
        status: change.status,
        source: change.source,
        setBy: change.source === 'manual' ? 'manual' : 'decider',
        since: new Date(change.decidedAt),
        exclusionCount: null,
        nextEligibleAt: null,
        manual: change.source === 'manual',
      },
    ]);
  }
}
