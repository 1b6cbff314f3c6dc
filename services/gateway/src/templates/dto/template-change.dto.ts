import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import type { JsonChange } from '../json-change';

const JSON_CHANGE_KINDS = ['added', 'removed', 'changed'] as const;

// Any JSON value.
const ANY_JSON: ApiPropertyOptions = {
  oneOf: [
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'object' },
    { type: 'array', items: {} },
  ],
  nullable: true,
};

/** One difference between two versions of a template. */
export class TemplateChangeDto implements JsonChange {
  @ApiProperty({
    description: 'JSON Pointer (RFC 6901) of the value in the version document',
    example: '/submissionProfile/maxRunning',
  })
  path!: string;

  @ApiProperty({ enum: JSON_CHANGE_KINDS, enumName: 'TemplateChangeKind' })
  change!: JsonChange['change'];

  @ApiPropertyOptional({ ...ANY_JSON, description: 'The value in `from`; absent when added', example: 2 })
  before?: unknown;

  @ApiPropertyOptional({ ...ANY_JSON, description: 'The value in `to`; absent when removed', example: 5 })
  after?: unknown;
}
