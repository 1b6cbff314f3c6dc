import { ApiProperty } from '@nestjs/swagger';
import { QueueDto } from './queue.dto';

/** One queue: what the list shows, plus its backend configuration and when it was created and changed. */
export class QueueDetailDto extends QueueDto {
  @ApiProperty({
    description: "The backend's settings for this queue (checked by the backend's own validator)",
    type: 'object',
    additionalProperties: true,
    example: { partition: 'short', account: 'atlas' },
  })
  backendConfig!: Record<string, unknown>;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;
}
