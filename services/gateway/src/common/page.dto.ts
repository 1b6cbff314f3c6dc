/** One page of a list, and how many items match the filter over all pages. */
export interface PageDto<TItem> {
  items: TItem[];
  total: number;
  limit: number;
  offset: number;
}
