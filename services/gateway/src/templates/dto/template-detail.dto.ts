import { ApiProperty } from '@nestjs/swagger';
import { TemplateVersionRefDto } from './template-version-ref.dto';
import { TemplateDto } from './template.dto';

/** A template with its current version's content and the list of all its versions. */
export class TemplateDetailDto extends TemplateDto {
  @ApiProperty({ type: [TemplateVersionRefDto], description: 'Every version, newest first' })
  versions!: TemplateVersionRefDto[];
}
