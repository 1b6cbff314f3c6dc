/** A queue as `GET /api/v1/queues` and `GET /api/v1/queues/:id` answer it (docs/api-decisions.md). */
export interface Queue {
  id: string;
  name: string;
  backend: string;
  status: 'online' | 'excluded' | 'offline';
  statusSource: 'policy' | 'manual' | 'guard' | null;
  statusSetBy: string | null;
  statusSince: string;
  exclusionCount: number;
  nextEligibleAt: string | null;
  labels: Record<string, string>;
  protected: boolean;
  autoExclusion: boolean;
  site: { id: string; name: string };
}

/** `GET /api/v1/queues/:id`: the list's fields and a few more. */
export interface QueueDetail extends Queue {
  backendConfig: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** One UTC day of `GET /api/v1/queues/:id/history`. */
export interface DailyCounts {
  day: string;
  submitted: number;
  running: number;
  completed: number;
  failed: number;
  cancelled: number;
  lost: number;
  total: number;
  efficiency: number | null;
}

export interface QueueHistory {
  queueId: string;
  siteId: string;
  from: string;
  to: string;
  golden: boolean | null;
  items: DailyCounts[];
}

/** One queue's row of `GET /api/v1/queues/history`: one entry per day in each array. */
export interface QueueHistoryRow {
  queueId: string;
  siteId: string;
  submitted: number[];
  running: number[];
  completed: number[];
  failed: number[];
  cancelled: number[];
  lost: number[];
  total: number[];
  efficiency: (number | null)[];
}

export interface QueueHistoryMatrix {
  from: string;
  to: string;
  golden: boolean | null;
  days: string[];
  items: QueueHistoryRow[];
}

export const BACKENDS = ['sim', 'local', 'slurm', 'panda', 'kubernetes'] as const;
