import type { QueueDto } from './queue.dto';

export class QueueListDto {
  items!: QueueDto[];
}
