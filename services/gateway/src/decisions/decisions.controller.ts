import { Controller, Get, Query } from '@nestjs/common';
import { API_PREFIX } from '../common/api-prefix.constant';
import type { PageDto } from '../common/page.dto';
import type { DecisionDto } from './dto/decision.dto';
import { ListDecisionsQuery } from './dto/list-decisions.query';
import { DecisionsRepository } from './decisions.repository';

@Controller(`${API_PREFIX}/decisions`)
export class DecisionsController {
  constructor(private readonly decisions: DecisionsRepository) {}

  /** Exclusions, recoveries and overrides (including dry-run detections), latest first. */
  @Get()
  async list(@Query() query: ListDecisionsQuery): Promise<PageDto<DecisionDto>> {
    const { items, total } = await this.decisions.page({
      ...query,
      since: query.since === undefined ? undefined : new Date(query.since),
      until: query.until === undefined ? undefined : new Date(query.until),
    });
    return { items, total, limit: query.limit, offset: query.offset };
  }
}
