import { ApiProperty } from '@nestjs/swagger';
import { OutageDto } from './outage.dto';

/** Every open outage (there are few: the breaker opens one per scope). */
export class OutageListDto {
  @ApiProperty({ description: 'Latest opened first', type: [OutageDto] })
  items!: OutageDto[];
}
