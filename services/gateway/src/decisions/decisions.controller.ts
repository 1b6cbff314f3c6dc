import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { API_PREFIX } from '../common/api-prefix.constant';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { decisionNotFound } from './decision-not-found.exception';
import { DecisionsRepository } from './decisions.repository';
import { DecisionDto } from './dto/decision.dto';
import { DecisionPageDto } from './dto/decision-page.dto';
import { ListDecisionsQuery } from './dto/list-decisions.query';

@ApiTags('decisions')
@Controller(`${API_PREFIX}/decisions`)
export class DecisionsController {
  constructor(private readonly decisions: DecisionsRepository) {}

  @Get()
  @ApiOperation({
    summary: 'Exclusions, recoveries and overrides (dry-run detections too), latest first; filtered and paged',
  })
  @ApiOkResponse({ type: DecisionPageDto })
  async list(@Query() query: ListDecisionsQuery): Promise<DecisionPageDto> {
    const { items, total } = await this.decisions.page({
      ...query,
      since: query.since === undefined ? undefined : new Date(query.since),
      until: query.until === undefined ? undefined : new Date(query.until),
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One decision with its evidence' })
  @ApiOkResponse({ type: DecisionDto })
  async get(@Param('id', UuidParamPipe) id: string): Promise<DecisionDto> {
    const decision = await this.decisions.findById(id);
    if (!decision) {
      throw decisionNotFound(id);
    }
    return decision;
  }
}
