/**
 * The files of a job directory (`<workDir>/<testId>/<jobId>/`). The backend writes `job.json`, `job.sh`,
 * `batch.sh` and `slurm-job-id`; the batch script writes `started`, `time` and `exit` (last, atomically);
 * Slurm writes `stdout` and `stderr`; `poll` writes `status.json` once the job is final.
 */
export const SLURM_JOB_FILES = {
  /** The job's ids, submission time and workload spec (the workload judges the result). */
  job: 'job.json',
  /** The workload's script (`jobScript`). */
  workload: 'job.sh',
  /** The Slurm batch script that runs `job.sh`. */
  batch: 'batch.sh',
  /** Slurm's job id, once `sbatch` accepted the job. */
  slurmJobId: 'slurm-job-id',
  stdout: 'stdout',
  stderr: 'stderr',
  /** Epoch seconds when the batch script started. */
  started: 'started',
  /** GNU time's report: `wall_seconds=`, `user_seconds=`, `system_seconds=`, `max_rss_kb=`. */
  time: 'time',
  /** `exit_code=`, `started_at=`, `ended_at=`: written when the workload ended on its own or at its time limit. */
  exit: 'exit',
  /** The job's final status, kept so that it is still answered after Slurm forgot the job. */
  status: 'status.json',
} as const;

/** Directory under `workDir` holding one symlink per Slurm job id, to the job's directory. */
export const SLURM_JOB_INDEX_DIR = '.slurm-job-ids';
