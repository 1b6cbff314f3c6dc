import { ApiProperty } from '@nestjs/swagger';
import { ApiErrorCode } from './api-error-code.enum';
import type { ApiErrorDetail } from './api-error-detail';
import { ApiErrorDetailDto } from './api-error-detail.dto';

/** Body of every 4xx/5xx answer. */
export class ApiErrorBodyDto {
  @ApiProperty({ description: 'The HTTP status, repeated', example: 400 })
  statusCode!: number;

  /** The HTTP reason phrase. */
  @ApiProperty({ description: 'The HTTP reason phrase', example: 'Bad Request' })
  error!: string;

  @ApiProperty({
    description: 'Stable machine-readable error code',
    enum: ApiErrorCode,
    enumName: 'ApiErrorCode',
    example: ApiErrorCode.ValidationFailed,
  })
  code!: string;

  @ApiProperty({
    description: 'What went wrong, for people: the first problem, and how many more there are',
    example: 'submissionProfile.maxRunning must not be less than 1',
  })
  message!: string;

  @ApiProperty({
    description: 'One entry per problem with the request (empty when the problem is not a field)',
    type: [ApiErrorDetailDto],
  })
  details!: ApiErrorDetail[];
}
