import { IsIn, IsOptional, Matches } from 'class-validator';
import type { BackendName, QueueStatus } from '@anvil/db';
import { BACKENDS } from '../../common/backends.constant';
import { QUEUE_STATUSES } from '../../common/queue-statuses.constant';

export class ListQueuesQuery {
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'must be a site id ([A-Za-z0-9_-]+)' })
  site?: string;

  @IsOptional()
  @IsIn(QUEUE_STATUSES)
  status?: QueueStatus;

  @IsOptional()
  @IsIn(BACKENDS)
  backend?: BackendName;
}
