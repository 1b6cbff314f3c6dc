import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { BACKENDS } from '../../common/backends.constant';
import { IsStringRecord } from '../../common/is-string-record.decorator';

// Rules run bottom-up and stop at the first failure: the type check is the last decorator.
/** The queues a template targets: the listed ids, plus every queue matching all labels and the backend. */
export class QueueSelectorDto {
  @ApiPropertyOptional({
    type: [String],
    maxItems: 5000,
    description: 'Queue ids (`[A-Za-z0-9_-]+`), each an existing queue, no repeats',
    example: ['CERN-PROD_SIM1'],
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]+$/, { each: true, message: 'each value must be a queue id ([A-Za-z0-9_-]+)' })
  @IsString({ each: true })
  @ArrayMaxSize(5000)
  @IsArray()
  queueIds?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Every queue carrying all these labels (on `backend`, if given)',
    example: { site: 'CERN-PROD' },
  })
  @IsOptional()
  @IsStringRecord()
  labels?: Record<string, string>;

  @ApiPropertyOptional({ enum: BACKENDS, enumName: 'Backend' })
  @IsOptional()
  @IsIn(BACKENDS)
  backend?: string;
}
