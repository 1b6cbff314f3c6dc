import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { PartitionMaintenanceService } from './partition-maintenance.service';
import { PartitionRepository } from './partition.repository';

@Module({ imports: [MetricsModule], providers: [PartitionRepository, PartitionMaintenanceService] })
export class PartitionsModule {}
