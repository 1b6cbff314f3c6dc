import { ApiProperty } from '@nestjs/swagger';
import type { TestKindName, TestStateName } from '@anvil/db';
import { TEST_KINDS } from '../../common/test-kinds.constant';
import { TEST_STATES } from '../../common/test-states.constant';
import { COUNTERS_FROM, type CountersFrom } from '../counters-from.constant';
import { JobCountersDto } from './job-counters.dto';
import { TestTemplateRefDto } from './test-template-ref.dto';

/** A test as the test list shows it: its jobs over all queues, and how many queues it runs on. */
export class TestSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: TEST_STATES, enumName: 'TestState' })
  state!: TestStateName;

  @ApiProperty({ enum: TEST_KINDS, enumName: 'TestKind' })
  kind!: TestKindName;

  @ApiProperty({ description: 'Made by the robot (functional templates), not on request' })
  robot!: boolean;

  @ApiProperty({ type: TestTemplateRefDto })
  template!: TestTemplateRefDto;

  @ApiProperty({ type: String, nullable: true, description: 'The submitter that owns it; null until assigned' })
  submitterId!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  startAt!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  endAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt!: Date | null;

  /** Queues the test runs on (chosen when it was created). */
  @ApiProperty({ type: 'integer', description: 'Queues the test runs on (chosen when it was created)' })
  queueCount!: number;

  /** The first five of those queues by id; the test's own page lists them all. */
  @ApiProperty({ type: [String], description: 'The first five of its queues by id; the test’s own page lists all' })
  firstQueueIds!: string[];

  /** The test's jobs over all its queues, by current state. */
  @ApiProperty({ type: JobCountersDto, description: 'Its jobs over all its queues, by current state' })
  totals!: JobCountersDto;

  /** `live`: the ingester's live counters in Redis; `rollups`: the hourly rollups summed (the live ones were missing). */
  @ApiProperty({
    enum: COUNTERS_FROM,
    enumName: 'CountersFrom',
    description: '`live`: the ingester’s live counters in Redis; `rollups`: the hourly rollups summed',
  })
  countersFrom!: CountersFrom;
}
