/** One problem with the request: the field (dotted path, `[i]` for array items) and the rule it broke. */
export interface ApiErrorDetail {
  field: string;
  problem: string;
}
