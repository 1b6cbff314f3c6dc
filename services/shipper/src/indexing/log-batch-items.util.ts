import { timestampMs } from '@bufbuild/protobuf/wkt';
import type { LogBatch } from '@anvil/contracts';
import { dailyIndexName, indexDay } from '../setup/daily-index.util';
import type { BulkItems } from './bulk-items';
import type { LineParser } from './line-parser.type';
import { hasTimestampKey, pinoLineProblem, utcTimestampAt, withShipperFields } from './pino-line.util';

// Dates up to 9999: a daily index name can be made of them.
const MAX_INDEXABLE_MS = Date.UTC(10000, 0, 1);

/**
 * Adds every line of `batch` to `items` (its family's daily index, id `<batchId>.<index in lines>`) and returns how
 * many lines were made raw-line documents because they could not be used. A service's pino line goes in as it is
 * (no parse), dated by its own `@timestamp` when that is UTC ISO-8601, else by the batch's `batched_at`. With a
 * `parser` (HAProxy's syslog lines), the line becomes the document it returns, dated by its `@timestamp`.
 */
export function addLogBatchItems(
  items: BulkItems,
  prefix: string,
  batch: LogBatch,
  parser: LineParser | undefined,
): number {
  const batchedAtMs = batch.batchedAt === undefined ? Date.now() : timestampMs(batch.batchedAt);
  const batchedAt = new Date(batchedAtMs);
  const context = new DayIndices(prefix, items, batchedAt);
  let unusable = 0;
  const lines = batch.lines;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const id = `${batch.batchId}.${i}`;
    unusable +=
      parser === undefined
        ? addPinoLine(items, context, id, line, batch.source)
        : addParsedLine(items, context, id, line, batch.source, parser);
  }
  return unusable;
}

function addPinoLine(items: BulkItems, days: DayIndices, id: string, line: string, source: string): number {
  const problem = pinoLineProblem(line);
  if (problem !== undefined) {
    items.addRaw(days.batchIndex, id, line, source, days.batchedAtMs, `line not indexed as a document: ${problem}`);
    return 1;
  }
  const at = utcTimestampAt(line);
  const index = at < 0 ? days.batchIndex : days.forIsoDayIn(line, at);
  const doc = withShipperFields(line, at >= 0 || hasTimestampKey(line), days.batchedAtIso, source);
  items.add(index, id, doc, line, source, days.batchedAtMs);
  return 0;
}

function addParsedLine(
  items: BulkItems,
  days: DayIndices,
  id: string,
  line: string,
  source: string,
  parser: LineParser,
): number {
  let doc: Record<string, unknown>;
  let text: string;
  try {
    doc = parser(line, days.batchedAt);
    text = JSON.stringify(doc);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    items.addRaw(days.batchIndex, id, line, source, days.batchedAtMs, `line could not be parsed: ${reason}`);
    return 1;
  }
  const atMs = documentTimeMs(doc['@timestamp']) ?? days.batchedAtMs;
  const index = atMs === days.batchedAtMs ? days.batchIndex : days.forDate(new Date(atMs));
  items.add(index, id, text, line, source, atMs, doc['anvil.parse_error'] === true);
  return doc['anvil.parse_error'] === true ? 1 : 0;
}

/** A document's `@timestamp` in ms, if it is a date between 1970 and 9999 (a daily index name can be made of it). */
function documentTimeMs(value: unknown): number | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const ms = Date.parse(value);
  return Number.isFinite(ms) && ms >= 0 && ms < MAX_INDEXABLE_MS ? ms : undefined;
}

const DAY_MS = 86_400_000;
// Lines written up to two days before their batch (a long NATS outage at the writer) keep their own day.
const MAX_DAYS_FROM_BATCH = 2;

/** Daily index names of one batch: the batch's own day, and the others its lines name (cached). */
class DayIndices {
  readonly batchedAtMs: number;
  readonly batchedAtIso: string;
  readonly batchIndex: string;
  private readonly batchIsoDay: string;
  private readonly others = new Map<string, string>();

  constructor(
    private readonly prefix: string,
    private readonly items: BulkItems,
    readonly batchedAt: Date,
  ) {
    this.batchedAtMs = batchedAt.getTime();
    this.batchedAtIso = batchedAt.toISOString();
    this.batchIsoDay = this.batchedAtIso.slice(0, 10);
    this.batchIndex = dailyIndexName(prefix, items.family, indexDay(batchedAt));
  }

  /** The index of the `YYYY-MM-DD` day written at `at` in `line`. */
  forIsoDayIn(line: string, at: number): string {
    if (line.startsWith(this.batchIsoDay, at)) {
      return this.batchIndex;
    }
    const isoDay = line.slice(at, at + 10);
    let index = this.others.get(isoDay);
    if (index === undefined) {
      const dayStart = Date.parse(`${isoDay}T00:00:00Z`);
      // Date.parse rolls 2026-02-31 over to March 3: such a day would name an index retention never deletes.
      const real = Number.isFinite(dayStart) && new Date(dayStart).toISOString().startsWith(isoDay);
      index =
        real && this.isNear(dayStart)
          ? dailyIndexName(this.prefix, this.items.family, isoDay.replace(/-/g, '.'))
          : this.batchIndex;
      this.others.set(isoDay, index);
    }
    return index;
  }

  forDate(at: Date): string {
    const dayStart = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
    return this.isNear(dayStart) ? dailyIndexName(this.prefix, this.items.family, indexDay(at)) : this.batchIndex;
  }

  /**
   * Whether a line's own time is within a day or so of its batch: a clock gone wrong (a year 9999 syslog stamp) must
   * not open an index that retention would never reach, so such a line goes to its batch's day.
   */
  private isNear(dayStartMs: number): boolean {
    const batchDayStart = Date.parse(`${this.batchIsoDay}T00:00:00Z`);
    return Number.isFinite(dayStartMs) && Math.abs(dayStartMs - batchDayStart) <= MAX_DAYS_FROM_BATCH * DAY_MS;
  }
}
