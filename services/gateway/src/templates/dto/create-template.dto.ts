import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { TemplateDefinitionDto } from './template-definition.dto';

/** Body of `POST /templates`: a name, whether it is active, and the content of version 1. */
// Rules run bottom-up and stop at the first failure (after @IsDefined): the type check is the last decorator.
export class CreateTemplateDto extends TemplateDefinitionDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 200,
    description: 'Unique; no white space at either end',
    example: 'ping-cern',
  })
  @IsDefined({ message: 'is required' })
  // Names are shown in lists and compared for uniqueness: no invisible leading or trailing blanks.
  @Matches(/^\S(.*\S)?$/, { message: 'must not start or end with white space' })
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  name!: string;

  @ApiPropertyOptional({ default: true, description: 'An inactive template gets no robot test and no new test' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
