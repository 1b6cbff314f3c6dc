import { ApiProperty } from '@nestjs/swagger';
import type { TestKindName } from '@anvil/db';
import { TEST_KINDS } from '../../common/test-kinds.constant';

/** One version in a template's history (its content: `GET /templates/:id/versions/:version`). */
export class TemplateVersionRefDto {
  @ApiProperty({ type: 'integer', minimum: 1 })
  version!: number;

  @ApiProperty({ enum: TEST_KINDS, enumName: 'TestKind' })
  kind!: TestKindName;

  @ApiProperty()
  createdBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}
