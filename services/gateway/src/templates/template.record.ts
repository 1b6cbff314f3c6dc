import type { QueueSelector, SubmissionProfileDoc, TestKindName, WorkloadDoc } from '@anvil/db';

/** A template joined with its current version, as the repository reads it. */
export interface TemplateRecord {
  id: string;
  name: string;
  active: boolean;
  currentVersion: number;
  kind: TestKindName;
  description: string;
  workload: WorkloadDoc;
  queueSelector: QueueSelector;
  submissionProfile: SubmissionProfileDoc;
  lifetimeSeconds: number;
  robot: boolean;
  golden: boolean;
  policy: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}
