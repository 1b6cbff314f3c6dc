import { Module } from '@nestjs/common';
import { HeartbeatModule } from '../heartbeat/heartbeat.module';
import { BackendPoolService } from './backend-pool.service';
import { KeeperMetrics } from './keeper-metrics.service';
import { KeeperRegistryService } from './keeper-registry.service';

@Module({
  imports: [HeartbeatModule],
  providers: [BackendPoolService, KeeperRegistryService, KeeperMetrics],
  exports: [KeeperRegistryService, BackendPoolService],
})
export class KeeperModule {}
