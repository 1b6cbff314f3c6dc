import { ApiProperty } from '@nestjs/swagger';
import type { QueueSelector, SubmissionProfileDoc, TestKindName, WorkloadDoc } from '@anvil/db';
import { TEST_KINDS } from '../../common/test-kinds.constant';
import { QueueSelectorDto } from './queue-selector.dto';
import { SubmissionProfileDto } from './submission-profile.dto';

/** The content of a template version as stored, defaults applied. */
export class TemplateContentDto {
  @ApiProperty({ enum: TEST_KINDS, enumName: 'TestKind' })
  kind!: TestKindName;

  @ApiProperty()
  description!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The workload spec (docs/workloads.md)' })
  workload!: WorkloadDoc;

  @ApiProperty({ type: () => QueueSelectorDto })
  queueSelector!: QueueSelector;

  @ApiProperty({ type: () => SubmissionProfileDto })
  submissionProfile!: SubmissionProfileDoc;

  @ApiProperty({ type: 'integer' })
  lifetimeSeconds!: number;

  @ApiProperty()
  robot!: boolean;

  @ApiProperty()
  golden!: boolean;

  @ApiProperty({ type: String, nullable: true })
  policy!: string | null;
}
