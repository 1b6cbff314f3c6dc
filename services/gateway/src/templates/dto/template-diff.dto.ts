import { ApiProperty } from '@nestjs/swagger';
import { TemplateChangeDto } from './template-change.dto';

/** What changed from one version of a template to another. */
export class TemplateDiffDto {
  @ApiProperty({ format: 'uuid' })
  templateId!: string;

  @ApiProperty({ type: 'integer' })
  from!: number;

  @ApiProperty({ type: 'integer' })
  to!: number;

  @ApiProperty({
    type: [TemplateChangeDto],
    description: 'Every value that differs, by path; empty when the versions hold the same content',
  })
  changes!: TemplateChangeDto[];
}
