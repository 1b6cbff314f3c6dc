/**
 * A PanDA queue's `backend_config`: where its jobs go and how the pilot starts them.
 * Checked by `validatePandaQueueConfig`.
 */
export interface PandaQueueConfig {
  /** The PanDA queue (`computingSite`) the jobs are assigned to, e.g. `CERN-PROD_UCORE`. */
  readonly computingSite: string;
  /**
   * URL of the transformation the pilot downloads and runs as `./<transformation> <jobParameters>`. Anvil's
   * job parameters are one base64 word: the job's bash script (see docs/backends/panda.md for the wrapper).
   */
  readonly transformation: string;
  /** PanDA's job type label; default `user` (analysis). `managed` needs a production role. */
  readonly prodSourceLabel?: string;
  /** When set, the job carries a log file `<jobName>.log.tgz` registered in this dataset. */
  readonly logDataset?: string;
}

/** `prodSourceLabel` when the queue does not set one. */
export const DEFAULT_PANDA_PROD_SOURCE_LABEL = 'user';
