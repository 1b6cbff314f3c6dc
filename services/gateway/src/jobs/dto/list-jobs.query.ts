import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { ID_PATTERN, ID_PROBLEM } from '../../common/id-pattern.constant';
import { JobPageQuery } from './job-page.query';

/** `GET /jobs`: `test` or `queue` is required (checked by the controller), so every query uses an index. */
export class ListJobsQuery extends JobPageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Jobs of this test; this or `queue` is required' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  test?: string;

  @ApiPropertyOptional({ description: 'Jobs on this queue; this or `test` is required', example: 'CERN-PROD_SIM1' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: ID_PROBLEM })
  queue?: string;
}
