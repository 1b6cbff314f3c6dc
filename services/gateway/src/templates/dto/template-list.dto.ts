import type { TemplateDto } from './template.dto';

export class TemplateListDto {
  items!: TemplateDto[];
}
