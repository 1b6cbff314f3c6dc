import { ApiProperty } from '@nestjs/swagger';
import type { PageDto } from '../../common/page.dto';
import { QueueDto } from './queue.dto';

export class QueuePageDto implements PageDto<QueueDto> {
  @ApiProperty({ description: 'The page, by site id then queue id', type: [QueueDto] })
  items!: QueueDto[];

  @ApiProperty({ description: 'Queues matching the filters over all pages' })
  total!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty()
  offset!: number;
}
