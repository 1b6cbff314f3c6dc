import { ApiProperty } from '@nestjs/swagger';
import { API_ROLES, type ApiRole } from '@anvil/db';

/** An API token as listed: never its plaintext nor its hash. */
export class ApiTokenDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: API_ROLES }) role!: ApiRole;
  @ApiProperty({ description: 'Who made it (the admin’s identity name, or cli:<user>)' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expiresAt!: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt!: Date | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'Last authenticated request, to the minute',
  })
  lastUsedAt!: Date | null;
}
