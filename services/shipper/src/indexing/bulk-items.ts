import { rawLineDocument } from '../raw-line-document.util';
import type { IndexFamily } from '../setup/index-family';
import { utcTimestampAt } from './pino-line.util';

/**
 * The documents of one handler call, to be bulk-created: index, deterministic id and JSON text of each, plus what is
 * needed to turn one into its raw-line document if OpenSearch refuses it. Parallel arrays, not an object per line:
 * a pino line costs two strings (its action line is built when the body is).
 */
export class BulkItems {
  private readonly indices: string[] = [];
  private readonly ids: string[] = [];
  private readonly docs: string[] = [];
  /** The text as received (the line), or the document's JSON for documents the shipper built. */
  private readonly originals: string[] = [];
  private readonly sources: string[] = [];
  private readonly times: number[] = [];
  private readonly rawFlags: boolean[] = [];

  constructor(readonly family: IndexFamily) {}

  get size(): number {
    return this.ids.length;
  }

  /** Adds a document; `doc` is one line of JSON (an object). Returns its item number. */
  add(index: string, id: string, doc: string, original: string, source: string, atMs: number, raw = false): number {
    this.indices.push(index);
    this.ids.push(id);
    this.docs.push(doc);
    this.originals.push(original);
    this.sources.push(source);
    this.times.push(atMs);
    this.rawFlags.push(raw);
    return this.ids.length - 1;
  }

  /** Adds the raw-line document of `line` (flagged `anvil.parse_error`), for a line the shipper cannot use. */
  addRaw(index: string, id: string, line: string, source: string, atMs: number, problem: string): number {
    const doc = JSON.stringify(rawLineDocument(line, source, new Date(atMs), problem));
    return this.add(index, id, doc, line, source, atMs, true);
  }

  /** Replaces item `item` by its raw-line document (same index and id), after OpenSearch refused it. */
  toRaw(item: number, problem: string): void {
    const original = this.originals[item];
    const doc = JSON.stringify(
      rawLineDocument(original, this.sources[item], new Date(lineTimeMs(original) ?? this.times[item]), problem),
    );
    this.docs[item] = doc;
    this.rawFlags[item] = true;
  }

  isRaw(item: number): boolean {
    return this.rawFlags[item] === true;
  }

  id(item: number): string {
    return this.ids[item];
  }

  index(item: number): string {
    return this.indices[item];
  }

  /**
   * Consecutive runs of item numbers whose bodies stay under `maxChars` each (a single larger item is a run alone).
   */
  chunks(maxChars: number): number[][] {
    const chunks: number[][] = [];
    let current: number[] = [];
    let chars = 0;
    for (let item = 0; item < this.ids.length; item++) {
      const size = this.docs[item].length + this.indices[item].length + 64;
      if (current.length > 0 && chars + size > maxChars) {
        chunks.push(current);
        current = [];
        chars = 0;
      }
      current.push(item);
      chars += size;
    }
    if (current.length > 0) {
      chunks.push(current);
    }
    return chunks;
  }

  /**
   * The NDJSON `_bulk` body creating `items` (item numbers), in that order. Index names and ids need no escaping:
   * ids are built from subject tokens (`[A-Za-z0-9_-]+`), dots and digits.
   */
  body(items: readonly number[]): string {
    let body = '';
    for (const item of items) {
      body += `{"create":{"_index":"${this.indices[item]}","_id":"${this.ids[item]}"}}\n${this.docs[item]}\n`;
    }
    return body;
  }
}

/** The time a line's own UTC `@timestamp` says, if it has one. */
function lineTimeMs(line: string): number | undefined {
  const at = utcTimestampAt(line);
  const ms = at < 0 ? NaN : Date.parse(line.slice(at, line.indexOf('"', at)));
  return Number.isFinite(ms) ? ms : undefined;
}
