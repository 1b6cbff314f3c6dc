import { ApiProperty } from '@nestjs/swagger';
import { QueueDto } from '../../queues/dto/queue.dto';
import { SiteDto } from './site.dto';

/** One site with its queues. */
export class SiteDetailDto extends SiteDto {
  @ApiProperty({ description: 'Every queue of the site, by id', type: [QueueDto] })
  queues!: QueueDto[];
}
