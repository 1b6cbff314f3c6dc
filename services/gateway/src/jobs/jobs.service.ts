import { Injectable } from '@nestjs/common';
import { ApiErrorCode } from '../errors/api-error-code.enum';
import { ApiException } from '../errors/api.exception';
import type { JobPageQuery } from './dto/job-page.query';
import type { JobPageDto } from './dto/job-page.dto';
import type { JobDto } from './dto/job.dto';
import type { JobCursor } from './job-cursor';
import { decodeJobCursor, encodeJobCursor } from './job-cursor.util';
import type { JobFilter } from './job-filter';
import { JobsRepository, type JobRow } from './jobs.repository';

/** Most jobs one request examines when it filters on state: the bound on its work whatever the data. */
export const JOB_SCAN_LIMIT = 5000;

/**
 * Jobs, one keyset page at a time (`JobsService.page`), for `GET /jobs` and for the jobs of a queue
 * (`GET /queues/:id/jobs`, which passes its queue id).
 */
@Injectable()
export class JobsService {
  constructor(private readonly jobs: JobsRepository) {}

  async get(id: string): Promise<JobDto> {
    const job = await this.jobs.findById(id);
    if (!job) {
      throw new ApiException(ApiErrorCode.JobNotFound, `job ${id} does not exist`);
    }
    return job;
  }

  /**
   * One page of the jobs of a test and/or a queue, newest submission first. Without `state` the page is the next
   * `limit` jobs; with it, the matching ones among the next `JOB_SCAN_LIMIT`, so a page may be short (even
   * empty) and still have a `nextCursor`. Which test or queue: from the caller (a path id, or the query).
   */
  async page(scope: { testId?: string; queueId?: string }, query: JobPageQuery): Promise<JobPageDto> {
    if (scope.testId === undefined && scope.queueId === undefined) {
      // Every query must start from an index on test or queue: ordering all jobs by time has none.
      throw ApiException.invalidField('test', 'is required unless queue is given');
    }
    const filter: JobFilter = {
      testId: scope.testId?.toLowerCase(),
      queueId: scope.queueId,
      state: query.state,
      // A date alone is UTC midnight (as `new Date` reads it).
      submittedSince: query.submittedSince === undefined ? undefined : new Date(query.submittedSince),
      submittedUntil: query.submittedUntil === undefined ? undefined : new Date(query.submittedUntil),
      after: query.cursor === undefined ? undefined : cursorOf(query.cursor),
      limit: query.limit,
    };
    const scanLimit = filter.state === undefined ? filter.limit + 1 : JOB_SCAN_LIMIT;
    const rows = await this.jobs.scan(filter, scanLimit);
    const items = rows.slice(0, filter.limit);
    let next: JobCursor | undefined;
    if (rows.length > filter.limit) {
      const last = rows[filter.limit - 1];
      next = { submittedAt: last.key, id: last.id };
    } else if (filter.state !== undefined) {
      // A short page: the scan either reached the end, or stopped at its limit and the next page starts there.
      next = await this.jobs.scanEnd(filter, scanLimit);
    }
    return { items: items.map(withoutKey), nextCursor: next ? encodeJobCursor(next) : null, limit: filter.limit };
  }
}

function cursorOf(text: string): JobCursor {
  const cursor = decodeJobCursor(text);
  if (!cursor) {
    throw ApiException.invalidField('cursor', 'must be the nextCursor of a previous page');
  }
  return cursor;
}

function withoutKey({ key: _key, ...job }: JobRow): JobDto {
  return job;
}
