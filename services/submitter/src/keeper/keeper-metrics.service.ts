import { Inject, Injectable, Optional } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { METRICS_REGISTRY } from '@anvil/telemetry';
import { KeeperRegistryService } from './keeper-registry.service';

/** `anvil_jobs_in_flight{backend}`: read from the keepers at scrape time, so it costs nothing per job. */
@Injectable()
export class KeeperMetrics {
  constructor(
    keepers: KeeperRegistryService,
    @Optional() @Inject(METRICS_REGISTRY) registry: Registry = new Registry(),
  ) {
    // A backend whose jobs all ended shows 0 rather than disappearing.
    const seen = new Set<string>();
    new Gauge({
      name: 'anvil_jobs_in_flight',
      help: 'Jobs this submitter follows (submitted or running at their backend), per backend.',
      labelNames: ['backend'],
      registers: [registry],
      collect() {
        const counts = keepers.inFlightByBackend();
        for (const backend of counts.keys()) {
          seen.add(backend);
        }
        for (const backend of seen) {
          this.set({ backend }, counts.get(backend) ?? 0);
        }
      },
    });
  }
}
