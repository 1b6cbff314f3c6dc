import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_PREFIX } from '../common/api-prefix.constant';
import { QueueIdParamPipe } from '../common/queue-id-param.pipe';
import { JobPageDto } from '../jobs/dto/job-page.dto';
import { JobPageQuery } from '../jobs/dto/job-page.query';
import { JobsService } from '../jobs/jobs.service';
import { queueNotFound } from './queue-not-found.exception';
import { QueuesRepository } from './queues.repository';

/** The jobs of one queue, through the jobs list's keyset paging (JobsService). */
@ApiTags('queues')
@Controller(`${API_PREFIX}/queues`)
export class QueueJobsController {
  constructor(
    private readonly queues: QueuesRepository,
    private readonly jobs: JobsService,
  ) {}

  @Get(':id/jobs')
  @ApiOperation({
    summary: 'Jobs of a queue, newest submission first, one keyset page at a time',
    description: 'Follow `nextCursor` until it is null. With `state`, a page may be short before the end.',
  })
  @ApiOkResponse({ type: JobPageDto })
  async list(@Param('id', QueueIdParamPipe) id: string, @Query() query: JobPageQuery): Promise<JobPageDto> {
    // An unknown queue is a 404, not an empty page.
    if ((await this.queues.existingIds([id])).size === 0) {
      throw queueNotFound(id);
    }
    return this.jobs.page({ queueId: id }, query);
  }
}
