import { ApiProperty } from '@nestjs/swagger';
import { JobDto } from './job.dto';

/** One page of jobs, newest submission first. No total: counting the jobs table is never done. */
export class JobPageDto {
  @ApiProperty({ type: [JobDto] })
  items!: JobDto[];

  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Pass as `cursor` for the next (older) page; null on the last page. A page may hold fewer than `limit` ' +
      'items and still have a next one (with `state`, each request examines a bounded number of jobs)',
  })
  nextCursor!: string | null;

  @ApiProperty({ type: 'integer' })
  limit!: number;
}
