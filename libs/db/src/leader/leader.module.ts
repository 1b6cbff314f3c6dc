import { Module, type DynamicModule, type InjectionToken } from '@nestjs/common';
import { LeaderElectionService } from './leader-election.service';
import { LeaderLeaseRepository } from './leader-lease.repository';
import { LEADER_OPTIONS, type LeaderOptions } from './leader.options';

export interface LeaderModuleOptions {
  /** Builds the options from injected providers (e.g. the service's validated config). */
  readonly useFactory: (...deps: never[]) => LeaderOptions;
  readonly inject?: InjectionToken[];
}

/**
 * One active leader and hot standbys, by a lease in Redis (needs `RedisModule` and `CORE_CONFIG`).
 * Import it once per service: `LeaderModule.forRoot({ useFactory: (c) => ({ lease: 'scheduler', ... }), inject })`.
 */
@Module({})
export class LeaderModule {
  static forRoot(options: LeaderModuleOptions): DynamicModule {
    return {
      module: LeaderModule,
      global: true,
      providers: [
        { provide: LEADER_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        LeaderLeaseRepository,
        LeaderElectionService,
      ],
      exports: [LeaderElectionService],
    };
  }
}
