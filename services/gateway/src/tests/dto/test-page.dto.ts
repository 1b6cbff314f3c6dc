import { ApiProperty } from '@nestjs/swagger';
import type { PageDto } from '../../common/page.dto';
import { TestSummaryDto } from './test-summary.dto';

export class TestPageDto implements PageDto<TestSummaryDto> {
  @ApiProperty({ type: [TestSummaryDto] })
  items!: TestSummaryDto[];

  /** Tests matching the filter, over all pages. */
  @ApiProperty({ type: 'integer', description: 'Tests matching the filters, over all pages' })
  total!: number;

  @ApiProperty({ type: 'integer' })
  limit!: number;

  @ApiProperty({ type: 'integer' })
  offset!: number;
}
