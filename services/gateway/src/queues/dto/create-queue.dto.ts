import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsIn, IsNotEmpty, IsObject, IsString, Matches, MaxLength } from 'class-validator';
import type { BackendName } from '@anvil/db';
import { BACKENDS } from '../../common/backends.constant';
import { ID_PATTERN, ID_PROBLEM } from '../../common/id-pattern.constant';
import { IsStringRecord } from '../../common/is-string-record.decorator';
import { OptionalNotNull } from '../optional-not-null.decorator';

// Rules run bottom-up and stop at the first failure (after @IsDefined): the type check is the last decorator.
export class CreateQueueDto {
  @ApiProperty({
    description: 'Queue id: 1-128 letters, digits, "_" or "-" (it appears in bus subjects); unique',
    example: 'CERN-PROD_slurm',
  })
  @IsDefined({ message: 'is required' })
  @Matches(ID_PATTERN, { message: ID_PROBLEM })
  @IsString()
  id!: string;

  @ApiProperty({ description: 'The site the queue belongs to (an existing site id)', example: 'CERN' })
  @IsDefined({ message: 'is required' })
  @Matches(ID_PATTERN, { message: ID_PROBLEM })
  @IsString()
  siteId!: string;

  @ApiProperty({ description: '1-200 characters, no white space at either end', example: 'CERN slurm short' })
  @IsDefined({ message: 'is required' })
  @Matches(/^\S(.*\S)?$/s, { message: 'must not start or end with white space' })
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  name!: string;

  @ApiProperty({ enum: BACKENDS })
  @IsDefined({ message: 'is required' })
  @IsIn(BACKENDS)
  backend!: BackendName;

  @ApiPropertyOptional({
    description: "The backend's settings for this queue, checked by the backend's own validator; default {}",
    type: 'object',
    additionalProperties: true,
    example: { partition: 'short' },
  })
  @OptionalNotNull()
  @IsObject()
  backendConfig?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'String values; keys of 1-128 letters, digits, "_", ".", "-", "/"; default {}',
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { cloud: 'CH' },
  })
  @OptionalNotNull()
  @IsStringRecord()
  labels?: Record<string, string>;

  @ApiPropertyOptional({ description: 'Never excluded automatically; default false' })
  @OptionalNotNull()
  @IsBoolean()
  protected?: boolean;

  @ApiPropertyOptional({ description: 'Whether the policy may exclude and recover the queue; default true' })
  @OptionalNotNull()
  @IsBoolean()
  autoExclusion?: boolean;
}
