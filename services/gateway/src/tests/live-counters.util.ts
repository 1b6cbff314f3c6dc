import { JOB_STATE_NAMES } from '@anvil/contracts';
import { LIVE_COUNTERS_ALL_QUEUES, liveCounterField } from '@anvil/db';
import type { JobStateCounts } from './job-state-counts';

/** The counters of a queue (or of all queues) in a live counter hash, in the order `TOTAL_FIELDS` lists them. */
const COUNTERS = [...JOB_STATE_NAMES, 'total'] as const satisfies readonly (keyof JobStateCounts)[];

type Counter = (typeof COUNTERS)[number];

/** The hash fields of a test's counters over all queues (`*:<state>`, `*:total`), for one HMGET. */
export const TOTAL_FIELDS: readonly string[] = COUNTERS.map((c) => liveCounterField(LIVE_COUNTERS_ALL_QUEUES, c));

/** A test's live counters: over all queues, and per queue id. */
export interface LiveCounterTable {
  totals: JobStateCounts;
  queues: Map<string, JobStateCounts>;
}

/**
 * Totals from the values of `TOTAL_FIELDS` (an HMGET reply). Undefined — unknown, read the rollups — when `*:total`
 * is missing: no hash, a hash without jobs, or one written by an ingester that did not keep the `*` fields yet. A
 * missing state field is 0 (the ingester only creates a field when its count first changes).
 */
export function totalsFromFields(values: readonly (string | null)[]): JobStateCounts | undefined {
  if (values[COUNTERS.length - 1] === null || values[COUNTERS.length - 1] === undefined) {
    return undefined;
  }
  const counts = zeroCounts();
  for (const [i, counter] of COUNTERS.entries()) {
    const n = toCount(values[i] ?? '0');
    if (n === undefined) {
      return undefined;
    }
    counts[counter] = n;
  }
  return counts;
}

/**
 * Totals and per-queue counts from a whole hash as `HASH_AS_TEXT_SCRIPT` returns it: its `items` fields and values
 * in HGETALL's order, joined by `\n`. Undefined under the rules of `totalsFromFields`, and when the text does not
 * split into `items` parts (a field or value holding a `\n`: not a hash the ingester wrote). Hot on the test page
 * (14,016 items for 1,000 queues): one pass over one string, making a string only of each queue id — an HGETALL
 * reply of 14,016 buffers cost three times as much to receive and read.
 */
export function tableFromText(text: string, items: number): LiveCounterTable | undefined {
  const totals = zeroCounts();
  let hasTotal = false;
  const queues = new Map<string, JobStateCounts>();
  let start = 0;
  for (let read = 0; read < items; read += 2) {
    const fieldEnd = endOfItem(text, start);
    const valueStart = fieldEnd + 1;
    if (valueStart > text.length) {
      return undefined;
    }
    const valueEnd = endOfItem(text, valueStart);
    // `<queueId>:<counter>`; queue ids never hold a colon. Other fields (`rev`) are not counters.
    const colon = text.lastIndexOf(':', fieldEnd - 1);
    const counter = colon > start ? counterIn(text, colon + 1, fieldEnd) : undefined;
    if (counter !== undefined) {
      const n = countIn(text, valueStart, valueEnd);
      if (n === undefined) {
        return undefined;
      }
      let counts: JobStateCounts | undefined;
      if (colon === start + 1 && text.charCodeAt(start) === ALL_QUEUES) {
        counts = totals;
        hasTotal ||= counter === 'total';
      } else {
        const queueId = text.slice(start, colon);
        counts = queues.get(queueId);
        if (counts === undefined) {
          counts = zeroCounts();
          queues.set(queueId, counts);
        }
      }
      counts[counter] = n;
    }
    start = valueEnd + 1;
  }
  // Every item read, and nothing after the last.
  return hasTotal && start === text.length + 1 ? { totals, queues } : undefined;
}

export function zeroCounts(): JobStateCounts {
  return { submitted: 0, running: 0, completed: 0, failed: 0, cancelled: 0, lost: 0, total: 0 };
}

// LIVE_COUNTERS_ALL_QUEUES is the one-character `*`.
const ALL_QUEUES = LIVE_COUNTERS_ALL_QUEUES.charCodeAt(0);
const MINUS = 0x2d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

/** Where the item starting at `start` ends: the next `\n`, or the end of the text. */
function endOfItem(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end < 0 ? text.length : end;
}

/** The counter whose name is `text` from `start` to `end`, if any. */
function counterIn(text: string, start: number, end: number): Counter | undefined {
  for (const counter of COUNTERS) {
    if (counter.length === end - start && text.startsWith(counter, start)) {
      return counter;
    }
  }
  return undefined;
}

/** The integer written in `text` from `start` to `end` (ASCII digits after an optional minus, at most 15). */
function countIn(text: string, start: number, end: number): number | undefined {
  const first = text.charCodeAt(start) === MINUS ? start + 1 : start;
  if (end === first || end - first > 15) {
    return undefined;
  }
  let n = 0;
  for (let i = first; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < DIGIT_0 || code > DIGIT_9) {
      return undefined;
    }
    n = n * 10 + (code - DIGIT_0);
  }
  return first === start ? n : -n;
}

// Counts are integers written by HINCRBY/HSET; anything else means the hash is not ours to trust. Same rule as
// `countIn`.
function toCount(value: string): number | undefined {
  return /^-?\d{1,15}$/.test(value) ? Number(value) : undefined;
}
