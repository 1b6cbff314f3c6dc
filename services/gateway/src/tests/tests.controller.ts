import { Controller, Get, Param, Query } from '@nestjs/common';
import { API_PREFIX } from '../common/api-prefix.constant';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ListTestsQuery } from './dto/list-tests.query';
import type { TestPageDto } from './dto/test-page.dto';
import type { TestDto } from './dto/test.dto';
import { TestsService } from './tests.service';

@Controller(`${API_PREFIX}/tests`)
export class TestsController {
  constructor(private readonly tests: TestsService) {}

  @Get()
  list(@Query() query: ListTestsQuery): Promise<TestPageDto> {
    return this.tests.list(query);
  }

  @Get(':id')
  get(@Param('id', UuidParamPipe) id: string): Promise<TestDto> {
    return this.tests.get(id);
  }
}
