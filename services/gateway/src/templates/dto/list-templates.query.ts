import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { TestKindName } from '@anvil/db';
import { PageQuery } from '../../common/page.query';
import { TEST_KINDS } from '../../common/test-kinds.constant';
import { toBoolean } from '../../common/to-boolean.transform';

// Rules run bottom-up and stop at the first failure: the type check is the last decorator.
export class ListTemplatesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only active (true) or inactive (false) templates' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: TEST_KINDS, enumName: 'TestKind', description: 'The kind of the current version' })
  @IsOptional()
  @IsIn(TEST_KINDS)
  kind?: TestKindName;

  @ApiPropertyOptional({
    maxLength: 200,
    description: 'Names containing this text, in any case',
    example: 'ping',
  })
  @IsOptional()
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  name?: string;
}
