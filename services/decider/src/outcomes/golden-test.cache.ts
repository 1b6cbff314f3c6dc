import { Injectable } from '@nestjs/common';
import { GoldenTestRepository, type TestTemplate } from './golden-test.repository';

const MAX_ENTRIES = 200_000;
// A test the database does not know (yet) is asked again after this long, not on every one of its events.
const UNKNOWN_RETRY_MS = 10_000;

/** Test → template and golden flag, cached for the life of the process (a test pins its template version). */
@Injectable()
export class GoldenTestCache {
  private readonly known = new Map<string, TestTemplate>();
  private readonly unknownUntil = new Map<string, number>();

  constructor(private readonly repository: GoldenTestRepository) {}

  /** Looks up the tests not cached yet, in one query. */
  async resolve(testIds: Iterable<string>, now = Date.now()): Promise<void> {
    const missing = [...new Set(testIds)].filter(
      (id) => !this.known.has(id) && (this.unknownUntil.get(id) ?? 0) <= now,
    );
    if (missing.length === 0) {
      return;
    }
    if (this.known.size + missing.length > MAX_ENTRIES) {
      this.known.clear();
    }
    const found = await this.repository.templatesOf(missing);
    for (const test of found) {
      this.known.set(test.testId, test);
      this.unknownUntil.delete(test.testId);
    }
    for (const id of missing) {
      if (!this.known.has(id)) {
        this.unknownUntil.set(id, now + UNKNOWN_RETRY_MS);
      }
    }
    if (this.unknownUntil.size > MAX_ENTRIES) {
      this.unknownUntil.clear();
    }
  }

  /** The template of a golden test; `undefined` for a test that is not golden or not known. */
  goldenTemplate(testId: string): string | undefined {
    const test = this.known.get(testId);
    return test?.golden === true ? test.templateId : undefined;
  }

  /** Whether the test is unknown to the database (its events are skipped, and logged). */
  isUnknown(testId: string): boolean {
    return !this.known.has(testId);
  }
}
