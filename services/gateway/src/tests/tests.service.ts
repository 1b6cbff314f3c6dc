import { Injectable } from '@nestjs/common';
import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';
import type { ListTestsQuery } from './dto/list-tests.query';
import type { TestPageDto } from './dto/test-page.dto';
import type { TestDto } from './dto/test.dto';
import { jobCounters, sumJobCounters } from './job-counters.util';
import type { TestQueueCounts } from './test-queue-counts';
import type { TestRecord } from './test.record';
import { TestsRepository } from './tests.repository';

@Injectable()
export class TestsService {
  constructor(private readonly tests: TestsRepository) {}

  async list(query: ListTestsQuery): Promise<TestPageDto> {
    const { tests, total } = await this.tests.page(query);
    return { items: await this.withCounters(tests), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<TestDto> {
    const test = await this.tests.findById(id);
    if (!test) {
      throw new ApiException(ApiErrorCode.TestNotFound, `test ${id} does not exist`);
    }
    const [dto] = await this.withCounters([test]);
    return dto;
  }

  /** One counters query for all the tests (never one per test). */
  private async withCounters(tests: readonly TestRecord[]): Promise<TestDto[]> {
    const byTest = new Map<string, TestQueueCounts[]>();
    for (const row of await this.tests.queueCounts(tests.map((test) => test.id))) {
      byTest.set(row.testId, [...(byTest.get(row.testId) ?? []), row]);
    }
    return tests.map((test) => {
      const rows = byTest.get(test.id) ?? [];
      return {
        id: test.id,
        state: test.state,
        kind: test.kind,
        robot: test.robot,
        template: { id: test.templateId, name: test.templateName, version: test.templateVersion },
        submitterId: test.submitterId,
        startAt: test.startAt,
        endAt: test.endAt,
        startedAt: test.startedAt,
        finishedAt: test.finishedAt,
        queues: rows.map((row) => ({ queueId: row.queueId, siteId: row.siteId, ...jobCounters(row) })),
        totals: sumJobCounters(rows),
      };
    });
  }
}
