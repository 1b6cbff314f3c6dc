import type { TestDto } from './test.dto';

export class TestPageDto {
  items!: TestDto[];
  /** Tests matching the filter, over all pages. */
  total!: number;
  limit!: number;
  offset!: number;
}
