import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsObject } from 'class-validator';

export class CreatePolicyDto {
  @ApiProperty({
    description:
      'A policy document (docs/policy.md), validated as the decider validates it; `version` may be left out: the ' +
      'next version of the name is given',
    type: 'object',
    additionalProperties: true,
    example: {
      name: 'site-errors',
      enforce: false,
      countErrorClasses: ['site'],
      evidence: { maxAge: '4h' },
      exclude: { consecutiveFailures: { count: 5 } },
      recover: { consecutiveSuccesses: { count: 2 } },
    },
  })
  @IsDefined({ message: 'is required' })
  @IsObject()
  document!: Record<string, unknown>;
}
