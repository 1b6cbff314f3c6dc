import { ApiProperty } from '@nestjs/swagger';
import type { TestStateName } from '@anvil/db';
import { TEST_STATES } from '../../common/test-states.constant';

/** Answer of `POST /tests/:id/cancel`. */
export class TestCancelAcceptedDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({
    enum: TEST_STATES,
    enumName: 'TestState',
    description:
      'The test’s state when the request was read: `scheduled` or `running` (202: the scheduler cancels it within ' +
      'moments), or `cancelled` (200: it already was)',
  })
  state!: TestStateName;
}
