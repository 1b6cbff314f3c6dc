import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { BACKENDS } from '../../common/backends.constant';
import { IsStringRecord } from '../../common/is-string-record.decorator';

// Rules run bottom-up and stop at the first failure: the type check is the last decorator.
/** The queues a template targets: the listed ids, plus every queue matching all labels and the backend. */
export class QueueSelectorDto {
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]+$/, { each: true, message: 'each value must be a queue id ([A-Za-z0-9_-]+)' })
  @IsString({ each: true })
  @ArrayMaxSize(5000)
  @IsArray()
  queueIds?: string[];

  @IsOptional()
  @IsStringRecord()
  labels?: Record<string, string>;

  @IsOptional()
  @IsIn(BACKENDS)
  backend?: string;
}
