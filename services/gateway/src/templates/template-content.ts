import type { QueueSelector, SubmissionProfileDoc, TestKindName, WorkloadDoc } from '@anvil/db';

/** What a template version holds (a row of `template_versions` without its keys), defaults applied. */
export interface TemplateContent {
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
