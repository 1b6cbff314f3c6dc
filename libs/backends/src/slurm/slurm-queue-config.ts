/** A Slurm queue's `backend_config`: the partition its jobs go to, and optionally an account and a QOS. */
export interface SlurmQueueConfig {
  readonly partition: string;
  readonly account?: string;
  readonly qos?: string;
}
