import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { API_PREFIX } from '../common/api-prefix.constant';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { TestErrorsDto } from './dto/test-errors.dto';
import { TestStatsDto } from './dto/test-stats.dto';
import { TestTimelineDto } from './dto/test-timeline.dto';
import { sendJson } from './send-json.util';
import { TestSeriesService } from './test-series.service';

const TEST_ID = { name: 'id', format: 'uuid', description: 'The test' } as const;
const CACHED = 'At most ANVIL_GATEWAY_SERIES_CACHE_MS (5 s) old: rendered once in that time per replica';

/** The plots of a test's page, and its queues' latest errors. */
@ApiTags('tests')
@Controller(`${API_PREFIX}/tests`)
export class TestSeriesController {
  constructor(private readonly series: TestSeriesService) {}

  @Get(':id/timeline')
  @ApiOperation({
    summary: 'A test’s jobs over time: submitted, and reaching each final state, per bucket',
    description:
      'From the test’s start to its end (now while it runs; at least a minute) in 60–121 equal buckets of a ' +
      'round width (1 s to 7 days). A job that finished after the last bucket began counts in the last bucket. ' +
      'Read from the test’s jobs; a test longer than 60 hours or with more than 500,000 jobs is read from the ' +
      'hourly rollups instead, by submission hour (`countedBy`).',
  })
  @ApiParam(TEST_ID)
  @ApiOkResponse({ type: TestTimelineDto, description: CACHED })
  @ApiNotFoundResponse({ description: 'No test has this id (`TEST_NOT_FOUND`)' })
  async timeline(@Param('id', UuidParamPipe) id: string, @Res() response: Response): Promise<void> {
    sendJson(response, await this.series.timelineJson(id));
  }

  @Get(':id/stats')
  @ApiOperation({
    summary: 'A test’s finished jobs: wall-time histogram, and per queue mean wall time, CPU efficiency, events/s',
    description:
      'Over the test’s completed and failed jobs that reported a wall time; for a test with more than 200,000 ' +
      'of them, over the newest whole submission hours that hold 200,000 (`submittedSince`).',
  })
  @ApiParam(TEST_ID)
  @ApiOkResponse({ type: TestStatsDto, description: CACHED })
  @ApiNotFoundResponse({ description: 'No test has this id (`TEST_NOT_FOUND`)' })
  async stats(@Param('id', UuidParamPipe) id: string, @Res() response: Response): Promise<void> {
    sendJson(response, await this.series.statsJson(id));
  }

  @Get(':id/errors')
  @ApiOperation({
    summary: 'Each queue’s latest failed job of a test, with its error (exit code, class, message)',
    description:
      'The failed job that finished last (by `finishedAt`, else submission time) of each queue of the test that ' +
      'has one, by queue id; queues without a failed job are absent. For a test with more than 200,000 finished ' +
      'jobs, only its newest whole submission hours that hold 200,000 are read (`submittedSince`).',
  })
  @ApiParam(TEST_ID)
  @ApiOkResponse({ type: TestErrorsDto, description: CACHED })
  @ApiNotFoundResponse({ description: 'No test has this id (`TEST_NOT_FOUND`)' })
  async errors(@Param('id', UuidParamPipe) id: string, @Res() response: Response): Promise<void> {
    sendJson(response, await this.series.errorsJson(id));
  }
}
