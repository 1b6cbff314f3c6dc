import type { QueueSelector, SubmissionProfileDoc, TestKindName, WorkloadDoc } from '@anvil/db';

/** The parts of a template version the scheduler needs. */
export interface TemplateVersionRow {
  templateId: string;
  version: number;
  kind: TestKindName;
  robot: boolean;
  lifetimeSeconds: number;
  queueSelector: QueueSelector;
  submissionProfile: SubmissionProfileDoc;
  workload: WorkloadDoc;
}
