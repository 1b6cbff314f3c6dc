import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches } from 'class-validator';
import type { BackendName, QueueStatus } from '@anvil/db';
import { BACKENDS } from '../../common/backends.constant';
import { ID_PATTERN, ID_PROBLEM } from '../../common/id-pattern.constant';
import { QUEUE_STATUSES } from '../../common/queue-statuses.constant';
import { IsLabelFilter, MAX_LABEL_FILTERS } from '../is-label-filter.decorator';

/** The filters of the queue list, shared by the history matrix: all combine with AND. */
export class QueueFilterQuery {
  @ApiPropertyOptional({ description: 'Only the queues of this site', example: 'CERN' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_PROBLEM })
  site?: string;

  @ApiPropertyOptional({ description: 'Only queues with this status', enum: QUEUE_STATUSES })
  @IsOptional()
  @IsIn(QUEUE_STATUSES)
  status?: QueueStatus;

  @ApiPropertyOptional({ description: 'Only queues of this backend', enum: BACKENDS })
  @IsOptional()
  @IsIn(BACKENDS)
  backend?: BackendName;

  @ApiPropertyOptional({
    description: `Only queues carrying this label, as key=value; repeat the parameter (at most ${MAX_LABEL_FILTERS}) for queues carrying all of them`,
    type: [String],
    example: ['cloud=CH'],
  })
  @IsOptional()
  // One `label=` is a string, several an array: always an array for the rule.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? [value] : value))
  @IsLabelFilter()
  label?: string[];
}
