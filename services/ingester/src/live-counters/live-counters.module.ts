import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { JobRollupRepository } from './job-rollup.repository';
import { LiveCountersService } from './live-counters.service';

@Module({
  imports: [MetricsModule],
  providers: [JobRollupRepository, LiveCountersService],
  exports: [LiveCountersService],
})
export class LiveCountersModule {}
