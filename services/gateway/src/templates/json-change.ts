/** One difference between two JSON documents. */
export interface JsonChange {
  /** JSON Pointer (RFC 6901) of the value that differs, e.g. `/submissionProfile/maxRunning`, `/queueSelector/queueIds/1`. */
  path: string;
  change: 'added' | 'removed' | 'changed';
  /** The old value; absent when `added`. */
  before?: unknown;
  /** The new value; absent when `removed`. */
  after?: unknown;
}
