export type QueueStatus = 'online' | 'excluded' | 'offline' | 'outage';

const LABEL: Record<QueueStatus, string> = {
  online: 'online',
  excluded: 'excluded',
  offline: 'offline',
  outage: 'in outage',
};

/** A queue's current status: online, excluded, offline or in outage. */
export function StatusBadge({ status, title }: { status: QueueStatus; title?: string }) {
  return (
    <span className={`badge badge-${status}`} data-testid="status-badge" data-status={status} title={title}>
      {LABEL[status] ?? status}
    </span>
  );
}
