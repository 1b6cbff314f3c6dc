import { Module } from '@nestjs/common';
import { BackendPoolService } from './backend-pool.service';
import { KeeperRegistryService } from './keeper-registry.service';

@Module({
  providers: [BackendPoolService, KeeperRegistryService],
  exports: [KeeperRegistryService, BackendPoolService],
})
export class KeeperModule {}
