import { ApiProperty } from '@nestjs/swagger';
import type { TestKindName } from '@anvil/db';
import { TEST_KINDS } from '../../common/test-kinds.constant';
import { TestTemplateRefDto } from './test-template-ref.dto';

/**
 * Answer of `POST /tests` (202): the scheduler has been asked to create the test; it appears under `id`
 * (`Location`) within moments, in state `scheduled` or `running`.
 */
export class TestRequestedDto {
  @ApiProperty({ format: 'uuid', description: 'The id the test will have: GET /api/v1/tests/{id}' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'Id of the `anvil.test.requested` command' })
  requestId!: string;

  @ApiProperty({ type: TestTemplateRefDto, description: 'The template and the version the test pins' })
  template!: TestTemplateRefDto;

  @ApiProperty({ enum: TEST_KINDS, enumName: 'TestKind' })
  kind!: TestKindName;

  @ApiProperty({ type: String, format: 'date-time' })
  startAt!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  endAt!: Date;
}
