import type { QueueSelector, SubmissionProfileDoc, TestKindName, WorkloadDoc } from '@anvil/db';

/** Everything needed to write a template and its first version; defaults already applied. */
export interface NewTemplate {
  id: string;
  name: string;
  active: boolean;
  kind: TestKindName;
  description: string;
  workload: WorkloadDoc;
  queueSelector: QueueSelector;
  submissionProfile: SubmissionProfileDoc;
  lifetimeSeconds: number;
  robot: boolean;
  golden: boolean;
  policy: string | null;
}
