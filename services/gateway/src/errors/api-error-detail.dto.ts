import { ApiProperty } from '@nestjs/swagger';
import type { ApiErrorDetail } from './api-error-detail';

/** The OpenAPI schema of `ApiErrorDetail` (an interface leaves no metadata to document). */
export class ApiErrorDetailDto implements ApiErrorDetail {
  @ApiProperty({
    description: 'The field: a dotted path, `[i]` for array items, `body` for the body as a whole, or a header name',
    example: 'submissionProfile.maxRunning',
  })
  field!: string;

  @ApiProperty({ description: 'The rule the field broke', example: 'must not be less than 1' })
  problem!: string;
}
