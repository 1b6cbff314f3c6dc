import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { toBoolean } from '../../common/to-boolean.transform';

export class ListTemplatesQuery {
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  active?: boolean;
}
