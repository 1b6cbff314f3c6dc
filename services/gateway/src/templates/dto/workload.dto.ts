import { IsDefined, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsStringRecord } from '../../common/is-string-record.decorator';

// Rules run bottom-up and stop at the first failure: the type check is the last decorator.
export class WorkloadDto {
  @IsDefined({ message: 'is required' })
  @MaxLength(8192)
  @IsNotEmpty()
  @IsString()
  command!: string;

  @IsOptional()
  @IsStringRecord()
  env?: Record<string, string>;

  @IsOptional()
  @Max(7 * 24 * 3600)
  @Min(1)
  @IsInt()
  timeLimitSeconds?: number;
}
