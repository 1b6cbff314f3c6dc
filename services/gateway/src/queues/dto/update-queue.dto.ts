import { OmitType, PartialType } from '@nestjs/swagger';
import { CreateQueueDto } from './create-queue.dto';

/**
 * The fields of a queue that change, all optional but never null (the id never changes; the status is the
 * decider's). `labels` and `backendConfig` replace the stored object; the config is checked against the queue's
 * backend after the change.
 */
export class UpdateQueueDto extends PartialType(OmitType(CreateQueueDto, ['id'] as const), {
  skipNullProperties: false,
}) {}
