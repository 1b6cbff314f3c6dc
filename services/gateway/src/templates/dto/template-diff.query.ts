import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsInt, Max, Min } from 'class-validator';
import { toInteger } from '../../common/to-integer.transform';

const MAX_VERSION = 2_147_483_647;

// Rules run bottom-up and stop at the first failure (after @IsDefined): the type check is the last decorator.
export class TemplateDiffQuery {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The older side of the comparison', example: 1 })
  @IsDefined({ message: 'is required' })
  @Transform(toInteger)
  @Max(MAX_VERSION)
  @Min(1)
  @IsInt()
  from!: number;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'The newer side of the comparison', example: 2 })
  @IsDefined({ message: 'is required' })
  @Transform(toInteger)
  @Max(MAX_VERSION)
  @Min(1)
  @IsInt()
  to!: number;
}
