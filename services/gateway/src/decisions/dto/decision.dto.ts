import { ApiProperty } from '@nestjs/swagger';
import type { DecisionAction, DecisionSource } from '@anvil/db';
import { DECISION_ACTIONS, DECISION_SOURCES } from '../../common/decision-values.constant';
import { PolicyRefDto } from './policy-ref.dto';

/** One row of `decisions`, written by the decider. */
export class DecisionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'CERN-PROD_sim' })
  queueId!: string;

  @ApiProperty({ example: 'CERN' })
  siteId!: string;

  @ApiProperty({ enum: DECISION_ACTIONS })
  action!: DecisionAction;

  @ApiProperty({ description: 'policy, manual (an operator) or guard', enum: DECISION_SOURCES })
  source!: DecisionSource;

  @ApiProperty({
    description: 'The policy that decided; null for manual overrides',
    type: PolicyRefDto,
    nullable: true,
  })
  policy!: PolicyRefDto | null;

  @ApiProperty({ example: 'last 3 jobs failed' })
  reason!: string;

  @ApiProperty({
    description: 'Job ids, counts, thresholds, rule, exclusion number, next eligible time (as the decider stored them)',
    type: 'object',
    additionalProperties: true,
  })
  evidence!: Record<string, unknown>;

  @ApiProperty({ description: "False for a dry-run or blocked detection: the queue's status did not change" })
  enforced!: boolean;

  @ApiProperty({ description: 'The operator for manual decisions, otherwise the service (e.g. decider)' })
  actor!: string;

  @ApiProperty({
    description: 'The outage this decision belongs to (e.g. a recovery when it closed)',
    type: String,
    format: 'uuid',
    nullable: true,
  })
  outageId!: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  decidedAt!: Date;
}
