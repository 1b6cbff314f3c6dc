import { ApiProperty } from '@nestjs/swagger';
import { PolicyDto } from './policy.dto';

/** One policy version with its document, as the decider runs it (defaults filled in, durations in ms). */
export class PolicyDetailDto extends PolicyDto {
  @ApiProperty({
    description: 'The validated policy document (see docs/policy.md); durations in milliseconds',
    type: 'object',
    additionalProperties: true,
  })
  document!: Record<string, unknown>;
}
