/** A Kubernetes queue's `backend_config`: where and how its Jobs run. Checked by `validateKubernetesQueueConfig`. */
export interface KubernetesQueueConfig {
  /** Namespace of the queue's Jobs; default: the backend's namespace. */
  readonly namespace?: string;
  /** Node labels the Job's pod must match (`spec.template.spec.nodeSelector`). */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** Service account the pod runs as; default: the namespace's `default`. */
  readonly serviceAccount?: string;
}
