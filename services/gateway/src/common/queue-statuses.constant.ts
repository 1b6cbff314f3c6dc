import type { QueueStatus } from '@anvil/db';

export const QUEUE_STATUSES = ['online', 'excluded', 'offline'] as const satisfies readonly QueueStatus[];
