import type { TestSummaryDto } from './test-summary.dto';

export class TestPageDto {
  items!: TestSummaryDto[];
  /** Tests matching the filter, over all pages. */
  total!: number;
  limit!: number;
  offset!: number;
}
