import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditedInTransaction } from '../audit/audited-in-transaction.decorator';
import { API_PREFIX } from '../common/api-prefix.constant';
import type { RequestContext } from '../common/request-context';
import { RequestCtx } from '../common/request-ctx.decorator';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CancelTestQuery } from './dto/cancel-test.query';
import { CreateTestDto } from './dto/create-test.dto';
import { ListTestsQuery } from './dto/list-tests.query';
import { TestCancelAcceptedDto } from './dto/test-cancel-accepted.dto';
import { TestPageDto } from './dto/test-page.dto';
import { TestRequestedDto } from './dto/test-requested.dto';
import { TestDto } from './dto/test.dto';
import { sendJson } from './send-json.util';
import { TestCommandsService } from './test-commands.service';
import { TestsService } from './tests.service';

const TEST_ID = { name: 'id', format: 'uuid', description: 'The test' } as const;

@ApiTags('tests')
@Controller(`${API_PREFIX}/tests`)
export class TestsController {
  constructor(
    private readonly tests: TestsService,
    private readonly commands: TestCommandsService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Tests with their job counters, newest start first (the front page)',
    description: 'Counted from the live counters or the hourly rollups, never from the jobs table.',
  })
  @ApiOkResponse({ type: TestPageDto, description: 'At most one second old (rendered once a second per replica)' })
  async list(@Query() query: ListTestsQuery, @Res() response: Response): Promise<void> {
    sendJson(response, await this.tests.listJson(query));
  }

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @AuditedInTransaction()
  @ApiOperation({
    summary: 'Request a stress or benchmark test from a template',
    description:
      'The scheduler creates the test within moments, under the id of the answer (also in `Location`): until ' +
      'then `GET /api/v1/tests/{id}` answers 404. It runs on the queues the version’s selector selects then ' +
      '(offline ones left out).',
  })
  @ApiAcceptedResponse({ type: TestRequestedDto })
  @ApiNotFoundResponse({
    description: 'No such template (`TEMPLATE_NOT_FOUND`) or version (`TEMPLATE_VERSION_NOT_FOUND`)',
  })
  @ApiConflictResponse({ description: 'The template is inactive (`TEMPLATE_INACTIVE`)' })
  async create(
    @Body() body: CreateTestDto,
    @RequestCtx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TestRequestedDto> {
    const requested = await this.commands.request(body, context);
    response.location(`/${API_PREFIX}/tests/${requested.id}`);
    return requested;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One test with its totals and per-queue table' })
  @ApiParam(TEST_ID)
  @ApiOkResponse({ type: TestDto, description: 'At most one second old (rendered once a second per replica)' })
  @ApiNotFoundResponse({ description: 'No test has this id (`TEST_NOT_FOUND`)' })
  async get(@Param('id', UuidParamPipe) id: string, @Res() response: Response): Promise<void> {
    sendJson(response, await this.tests.getJson(id));
  }

  @Post(':id/cancel')
  @AuditedInTransaction()
  @ApiOperation({
    summary: 'Cancel a scheduled or running test',
    description:
      '202: the scheduler cancels it within moments and its submitter cancels the jobs in flight. 200: it was ' +
      'already cancelled (nothing is sent). A robot test is followed by a new one: deactivate the template to ' +
      'stop those.',
  })
  @ApiParam(TEST_ID)
  @ApiAcceptedResponse({ type: TestCancelAcceptedDto, description: 'The scheduler was asked to cancel the test' })
  @ApiOkResponse({ type: TestCancelAcceptedDto, description: 'The test was already cancelled' })
  @ApiNotFoundResponse({ description: 'No test has this id (`TEST_NOT_FOUND`)' })
  @ApiConflictResponse({ description: 'The test has completed or ended in error (`TEST_FINISHED`)' })
  async cancel(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: CancelTestQuery,
    @RequestCtx() context: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TestCancelAcceptedDto> {
    const accepted = await this.commands.cancel(id, query, context);
    response.status(accepted.state === 'cancelled' ? HttpStatus.OK : HttpStatus.ACCEPTED);
    response.location(`/${API_PREFIX}/tests/${id}`);
    return accepted;
  }
}
