import { Module } from '@nestjs/common';
import { HeartbeatModule } from '../heartbeat/heartbeat.module';
import { BackendPoolService } from './backend-pool.service';
import { KeeperRegistryService } from './keeper-registry.service';

@Module({
  imports: [HeartbeatModule],
  providers: [BackendPoolService, KeeperRegistryService],
  exports: [KeeperRegistryService, BackendPoolService],
})
export class KeeperModule {}
