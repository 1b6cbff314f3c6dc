import { ApiProperty } from '@nestjs/swagger';

/** A site's queues by status. */
export class QueueStatusCountsDto {
  @ApiProperty()
  online!: number;

  @ApiProperty()
  excluded!: number;

  @ApiProperty()
  offline!: number;

  @ApiProperty({ description: 'All the queues of the site' })
  total!: number;
}
