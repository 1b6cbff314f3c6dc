import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { API_PREFIX } from '../common/api-prefix.constant';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { JobPageDto } from './dto/job-page.dto';
import { JobDto } from './dto/job.dto';
import { ListJobsQuery } from './dto/list-jobs.query';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@Controller(`${API_PREFIX}/jobs`)
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @ApiOperation({
    summary: 'Jobs of a test and/or a queue, newest submission first, one keyset page at a time',
    description:
      '`test` or `queue` is required. Follow `nextCursor` until it is null; there is no total. With `state`, a ' +
      'page holds the matching jobs among the next 5,000 and may be short before the end.',
  })
  @ApiOkResponse({ type: JobPageDto })
  list(@Query() query: ListJobsQuery): Promise<JobPageDto> {
    return this.jobs.page({ testId: query.test, queueId: query.queue }, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One job' })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The job' })
  @ApiOkResponse({ type: JobDto })
  @ApiNotFoundResponse({ description: 'No job has this id, or its partition was dropped (`JOB_NOT_FOUND`)' })
  get(@Param('id', UuidParamPipe) id: string): Promise<JobDto> {
    return this.jobs.get(id);
  }
}
