import { ApiProperty } from '@nestjs/swagger';
import { TemplateContentDto } from './template-content.dto';

/** One version of a template, as it was created (versions never change). */
export class TemplateVersionDto extends TemplateContentDto {
  @ApiProperty({ format: 'uuid' })
  templateId!: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  version!: number;

  @ApiProperty({ description: 'Whether this is the template’s current version' })
  current!: boolean;

  @ApiProperty()
  createdBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}
