import { ApiProperty } from '@nestjs/swagger';

/** One recorded version of a policy, without its document. */
export class PolicyDto {
  @ApiProperty({ description: 'Letters, digits, "_" and "-"', example: 'anvil-default' })
  name!: string;

  @ApiProperty({ example: 2 })
  version!: number;

  @ApiProperty({ type: String, nullable: true, example: 'HammerCloud rules on clean queues, SPRTs elsewhere' })
  description!: string | null;

  @ApiProperty({ description: 'false: dry-run, detections are recorded but no status changes' })
  enforce!: boolean;

  @ApiProperty({ description: 'The version operators chose to run; at most one version of one policy is active' })
  active!: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  activatedAt!: Date | null;

  @ApiProperty({ type: String, nullable: true })
  activatedBy!: string | null;

  @ApiProperty({ description: 'Who recorded it: an operator, or the decider that ran it (its id)' })
  createdBy!: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}
