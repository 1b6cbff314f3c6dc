import { ApiProperty } from '@nestjs/swagger';
import type { PageDto } from '../../common/page.dto';
import { TemplateDto } from './template.dto';

export class TemplatePageDto implements PageDto<TemplateDto> {
  @ApiProperty({ type: [TemplateDto] })
  items!: TemplateDto[];

  @ApiProperty({ type: 'integer', description: 'Templates matching the filters, over all pages' })
  total!: number;

  @ApiProperty({ type: 'integer' })
  limit!: number;

  @ApiProperty({ type: 'integer' })
  offset!: number;
}
