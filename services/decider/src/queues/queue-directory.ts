import { profileChanged, type QueueInfo } from './queue-info';

/** The queues the decider knows, by id (loaded from `queues`, refreshed on the timer). */
export class QueueDirectory {
  private readonly byId = new Map<string, QueueInfo>();

  constructor(queues: readonly QueueInfo[] = []) {
    for (const queue of queues) {
      this.byId.set(queue.queueId, queue);
    }
  }

  get(queueId: string): QueueInfo | undefined {
    return this.byId.get(queueId);
  }

  has(queueId: string): boolean {
    return this.byId.has(queueId);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  /** Adds or replaces queues; returns those that are new or whose engine profile changed. */
  merge(queues: readonly QueueInfo[]): QueueInfo[] {
    const changed: QueueInfo[] = [];
    for (const queue of queues) {
      const before = this.byId.get(queue.queueId);
      if (before === undefined || profileChanged(before, queue)) {
        changed.push(queue);
      }
      this.byId.set(queue.queueId, queue);
    }
    return changed;
  }
}
