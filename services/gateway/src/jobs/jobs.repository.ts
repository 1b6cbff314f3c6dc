import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JobDto } from './dto/job.dto';
import type { JobCursor } from './job-cursor';
import type { JobFilter } from './job-filter';
import { jobByIdSql, jobPageSql, jobScanEndSql } from './job-page.sql';

/** A job row and its position (`key`: the submission time to the microsecond). */
export type JobRow = JobDto & { key: string };

/** Reads `jobs` (range-partitioned, huge): every query walks an index and is bounded. Never counts. */
@Injectable()
export class JobsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findById(id: string): Promise<JobDto | undefined> {
    const { text, values } = jobByIdSql(id);
    const rows: JobDto[] = await this.dataSource.query(text, values);
    return rows[0];
  }

  /** Up to `filter.limit + 1` matching jobs among the next `scanLimit` of the scan, newest first. */
  async scan(filter: JobFilter, scanLimit: number): Promise<JobRow[]> {
    const { text, values } = jobPageSql(filter, scanLimit);
    return this.dataSource.query(text, values);
  }

  /** The position of the `scanLimit`-th job of the scan; undefined when it holds fewer. */
  async scanEnd(filter: JobFilter, scanLimit: number): Promise<JobCursor | undefined> {
    const { text, values } = jobScanEndSql(filter, scanLimit);
    const rows: { key: string; id: string }[] = await this.dataSource.query(text, values);
    return rows[0] ? { submittedAt: rows[0].key, id: rows[0].id } : undefined;
  }
}
