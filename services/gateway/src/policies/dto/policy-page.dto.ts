import { ApiProperty } from '@nestjs/swagger';
import type { PageDto } from '../../common/page.dto';
import { PolicyDto } from './policy.dto';

export class PolicyPageDto implements PageDto<PolicyDto> {
  @ApiProperty({ description: 'The page, by name then newest version first', type: [PolicyDto] })
  items!: PolicyDto[];

  @ApiProperty({ description: 'Versions matching the filters over all pages' })
  total!: number;

  @ApiProperty()
  limit!: number;

  @ApiProperty()
  offset!: number;
}
