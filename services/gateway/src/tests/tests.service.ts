import { Injectable } from '@nestjs/common';
import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';
import type { CountersFrom } from './counters-from.constant';
import type { JobCountersDto } from './dto/job-counters.dto';
import type { ListTestsQuery } from './dto/list-tests.query';
import type { TestPageDto } from './dto/test-page.dto';
import type { TestSummaryDto } from './dto/test-summary.dto';
import type { TestDto } from './dto/test.dto';
import { failPercent as failPercentOf } from './fail-percent.util';
import { jobCounters, sumJobCounters } from './job-counters.util';
import { LiveCountersRepository } from './live-counters.repository';
import { zeroCounts } from './live-counters.util';
import { RenderedJsonCache } from './rendered-json.cache';
import type { TestRecord } from './test.record';
import { TestsRepository } from './tests.repository';

const ZERO = zeroCounts();

/**
 * Tests with their job counters, from the live counters in Redis; a test whose live counters are missing (or not
 * trusted) is counted from `job_rollups` instead. Never from `jobs`. The HTTP answers (`listJson`, `getJson`) are
 * rendered once per second and key at most, per replica.
 */
@Injectable()
export class TestsService {
  constructor(
    private readonly tests: TestsRepository,
    private readonly live: LiveCountersRepository,
    private readonly rendered: RenderedJsonCache,
  ) {}

  /** `list` as JSON bytes, at most `RENDERED_JSON_TTL_MS` old. */
  listJson(query: ListTestsQuery): Promise<Buffer> {
    const { state, template, kind, queue, createdSince, createdUntil, limit, offset } = query;
    const key = JSON.stringify([
      state,
      template?.toLowerCase(),
      kind,
      queue,
      createdSince,
      createdUntil,
      limit,
      offset,
    ]);
    return this.rendered.get(`list:${key}`, () => this.list(query));
  }

  /** `get` as JSON bytes, at most `RENDERED_JSON_TTL_MS` old; a test that does not exist is looked up every time. */
  getJson(id: string): Promise<Buffer> {
    return this.rendered.get(`test:${id}`, () => this.get(id));
  }

  async list(query: ListTestsQuery): Promise<TestPageDto> {
    const { tests, total } = await this.tests.page({
      state: query.state,
      templateId: query.template?.toLowerCase(),
      kind: query.kind,
      queueId: query.queue,
      // A date alone is UTC midnight (as `new Date` reads it), not midnight in the database session's zone.
      createdSince: query.createdSince === undefined ? undefined : new Date(query.createdSince),
      createdUntil: query.createdUntil === undefined ? undefined : new Date(query.createdUntil),
      limit: query.limit,
      offset: query.offset,
    });
    const ids = tests.map((test) => test.id);
    const live = await this.live.totals(ids);
    const rolledUp = await this.tests.rollupTotals(ids.filter((id) => !live.has(id)));
    const items = tests.map((test) => {
      const counts = live.get(test.id);
      return counts
        ? summary(test, jobCounters(counts), 'live')
        : summary(test, jobCounters(rolledUp.get(test.id) ?? zeroCounts()), 'rollups');
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<TestDto> {
    const [test, table, sites] = await Promise.all([
      this.tests.findById(id),
      this.live.table(id),
      this.tests.queueSites(id),
    ]);
    if (!test) {
      throw new ApiException(ApiErrorCode.TestNotFound, `test ${id} does not exist`);
    }
    const perQueue = table ? table.queues : await this.tests.rollupQueueCounts(id);
    // Jobs on a queue the test does not list (rare): those rows join the table too, in queue id order.
    const listed = new Set(sites.map((site) => site.queueId));
    const extra = [...perQueue.keys()].filter((queueId) => !listed.has(queueId));
    const rows = extra.length > 0 ? await this.tests.queueSitesWith(id, extra) : sites;
    const totals = table ? jobCounters(table.totals) : sumJobCounters([...perQueue.values()]);
    return {
      ...summary(test, totals, table ? 'live' : 'rollups'),
      queues: rows.map(({ queueId, siteId }) => {
        const { submitted, running, completed, failed, cancelled, lost, total } = perQueue.get(queueId) ?? ZERO;
        const failPercent = failPercentOf(completed, failed);
        // Built in one literal: 1,000 rows per page.
        return { queueId, siteId, submitted, running, completed, failed, cancelled, lost, total, failPercent };
      }),
    };
  }
}

function summary(test: TestRecord, totals: JobCountersDto, countersFrom: CountersFrom): TestSummaryDto {
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
    queueCount: test.queueCount,
    firstQueueIds: test.firstQueueIds,
    totals,
    countersFrom,
  };
}
