/** OpenSearch's answer for one document of a bulk request. */
export interface BulkItemResult {
  readonly status: number;
  /** Error type, e.g. `mapper_parsing_exception`, `es_rejected_execution_exception`. */
  readonly type?: string;
  readonly reason?: string;
}

/** A bulk request's answer: `errors` false means every document was created (no `items` to look at). */
export interface BulkResult {
  readonly errors: boolean;
  readonly items: readonly BulkItemResult[];
}
