import { ApiProperty } from '@nestjs/swagger';
import { OVERRIDE_MODES, type OverrideModeName } from '../override-modes.constant';

/** Answer of `PUT /queues/:id/override`: the command is on the bus; the decider applies it shortly. */
export class OverrideAcceptedDto {
  @ApiProperty({ description: 'Id of the anvil.queue.override-requested command', format: 'uuid' })
  requestId!: string;

  @ApiProperty({ example: 'CERN-PROD_sim' })
  queueId!: string;

  @ApiProperty({ enum: OVERRIDE_MODES })
  mode!: OverrideModeName;

  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt!: Date | null;
}
