import { Module } from '@nestjs/common';
import { PartitionMaintenanceService } from './partition-maintenance.service';
import { PartitionRepository } from './partition.repository';

@Module({ providers: [PartitionRepository, PartitionMaintenanceService] })
export class PartitionsModule {}
