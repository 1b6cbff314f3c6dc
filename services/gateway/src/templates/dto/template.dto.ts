import type { QueueSelector, SubmissionProfileDoc, TestKindName, WorkloadDoc } from '@anvil/db';

/** A template with the content of its current version. */
export class TemplateDto {
  id!: string;
  name!: string;
  active!: boolean;
  currentVersion!: number;
  kind!: TestKindName;
  description!: string;
  workload!: WorkloadDoc;
  queueSelector!: QueueSelector;
  submissionProfile!: SubmissionProfileDoc;
  lifetimeSeconds!: number;
  robot!: boolean;
  golden!: boolean;
  policy!: string | null;
  createdBy!: string;
  createdAt!: Date;
  updatedAt!: Date;
}
