import { ApiProperty } from '@nestjs/swagger';
import { TemplateContentDto } from './template-content.dto';

/** A template with the content of its current version. */
export class TemplateDto extends TemplateContentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'An inactive template gets no robot test and no new test' })
  active!: boolean;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'The version whose content this is: the latest' })
  currentVersion!: number;

  @ApiProperty({ description: 'Who created the template' })
  createdBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', description: 'Last new version, activation or deactivation' })
  updatedAt!: Date;
}
