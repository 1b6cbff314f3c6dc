import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** One row of the `jobs` columns both write paths carry, in table order. */
export type JobRow = readonly [
  id: string,
  submittedAt: Date,
  testId: string,
  queueId: string,
  state: string,
  finishedAt: Date | null,
  exitCode: number | null,
  wallSeconds: number | null,
  events: bigint | null,
  metrics: string,
];

export const JOB_ROW_COLUMNS =
  'id, submitted_at, test_id, queue_id, state, finished_at, exit_code, wall_seconds, events, metrics';

/** Text-format COPY field: `\N` for null, backslash escapes for the characters COPY treats specially. */
function copyField(value: string | number | bigint | Date | null): string {
  if (value === null) {
    return '\\N';
  }
  const text = value instanceof Date ? value.toISOString() : String(value);
  return text.replace(/[\\\n\r\t]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? c);
}

/** Streams `rows` into `table` with COPY FROM STDIN (text format). */
export async function copyRows(client: PoolClient, table: string, rows: readonly JobRow[]): Promise<void> {
  const text = rows.map((row) => row.map(copyField).join('\t')).join('\n') + '\n';
  await pipeline(Readable.from([text]), client.query(copyFrom(`COPY ${table} (${JOB_ROW_COLUMNS}) FROM STDIN`)));
}
