import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

// A query parameter rather than a body, so that a bare `POST …/cancel` is a whole request.
// Rules run bottom-up and stop at the first failure: the type check is the last decorator.
export class CancelTestQuery {
  @ApiPropertyOptional({
    maxLength: 500,
    description: 'Why; kept with the test. Default: "cancelled by <caller>"',
    example: 'site asked to stop',
  })
  @IsOptional()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(500)
  @IsString()
  reason?: string;
}
