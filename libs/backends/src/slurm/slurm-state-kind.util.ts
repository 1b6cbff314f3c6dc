/**
 * What a Slurm job state means for Anvil: `pending` and `running` are not final; `ended` (COMPLETED, FAILED)
 * is judged by the job's files; `timed-out`, `killed`, `site-failure` and `cancelled` by the state itself.
 */
export type SlurmStateKind = 'pending' | 'running' | 'ended' | 'timed-out' | 'killed' | 'site-failure' | 'cancelled';

const KINDS: Readonly<Record<string, SlurmStateKind>> = {
  PENDING: 'pending',
  CONFIGURING: 'pending',
  REQUEUED: 'pending',
  REQUEUE_FED: 'pending',
  REQUEUE_HOLD: 'pending',
  RESV_DEL_HOLD: 'pending',
  SPECIAL_EXIT: 'pending',
  RUNNING: 'running',
  COMPLETING: 'running',
  SUSPENDED: 'running',
  STOPPED: 'running',
  SIGNALING: 'running',
  STAGE_OUT: 'running',
  RESIZING: 'running',
  COMPLETED: 'ended',
  FAILED: 'ended',
  TIMEOUT: 'timed-out',
  DEADLINE: 'timed-out',
  OUT_OF_MEMORY: 'killed',
  PREEMPTED: 'killed',
  NODE_FAIL: 'site-failure',
  BOOT_FAIL: 'site-failure',
  CANCELLED: 'cancelled',
  REVOKED: 'cancelled',
};

/**
 * The kind of a Slurm state name as `squeue %T` prints it. A name this table does not know counts as
 * `running`: the job stays open until Slurm lists it in a known state, or forgets it and its files answer.
 */
export function slurmStateKind(state: string): SlurmStateKind {
  return KINDS[state.trim().toUpperCase()] ?? 'running';
}
